using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Records;

/// <summary>
/// Records are paged in key order, so a key added between two pages would shift the rows after it: the links of a page
/// read at the current size pin the size it was read at, and following them never repeats or skips a record.
/// </summary>
public sealed class RecordPageLinkTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("/registers/territory/records")]
    [InlineData("/registers/territory/records/name/Land")]
    public async Task Following_the_next_link_after_a_key_is_added_reads_the_register_as_the_first_page_did(string path)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await CreateAsync(server, "XB", "XD", "XF");

        var first = await server.Client.GetAsync(path + "?page-size=2");
        await AppendAsync(server, "XA"); // sorts before every key on the first page
        var next = Target(first.Headers.GetValues("Link").Single(), "next");
        var second = await server.Client.GetAsync(next);
        var previous = Target(second.Headers.GetValues("Link").Single(), "previous");

        Assert.Equal(["XB", "XD", "XF"], [.. await KeysAsync(first), .. await KeysAsync(second)]);
        Assert.Equal($"{path}?page-index=2&page-size=2&as-of=3", next);
        Assert.Equal($"{path}?as-of=3&page-index=1&page-size=2", previous); // kept where the client put it
    }

    [Fact]
    public async Task A_page_index_alone_is_still_read_at_the_current_size()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await CreateAsync(server, "XB", "XD", "XF");
        await AppendAsync(server, "XA");

        var second = await server.Client.GetAsync("/registers/territory/records?page-index=2&page-size=2");

        Assert.Equal(["XD", "XF"], await KeysAsync(second));
        Assert.Equal("4", second.Headers.GetValues("Register-Tree-Size").Single());
    }

    private static async Task CreateAsync(RunningServer server, params string[] keys)
    {
        (await server.Client.PostAsJsonAsync("/registers", Writes.CreateAndAppendTests.DefinitionOf("territory"))).EnsureSuccessStatusCode();
        await AppendAsync(server, keys);
    }

    private static async Task AppendAsync(RunningServer server, params string[] keys)
    {
        var entries = keys.Select(key => new { key, item = new Dictionary<string, string> { ["territory"] = key, ["name"] = "Land" } });
        (await server.Client.PostAsJsonAsync("/registers/territory/entries", new { entries })).EnsureSuccessStatusCode();
    }

    private static async Task<string[]> KeysAsync(HttpResponseMessage page)
    {
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return [.. (await page.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Select(record => record.Name)];
    }

    private static string Target(string links, string rel) =>
        links.Split(", ").Select(link => link.Split(">; rel=")).Single(parts => parts[1] == $"\"{rel}\"")[0].TrimStart('<');
}
