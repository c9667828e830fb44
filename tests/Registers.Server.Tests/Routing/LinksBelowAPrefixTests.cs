using System.Text.Json;
using System.Text.RegularExpressions;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Routing;

/// <summary>
/// A reverse proxy publishes the server below a path, takes the path off and names it in <c>X-Forwarded-Prefix</c>: every
/// link an answer gives (page links, a record's history, an entry's items, proof and checkpoint, the register list, a
/// created register's <c>Location</c>, the redirects to the page) leads a client that follows it through the proxy
/// to the resource it names.
/// </summary>
public sealed class LinksBelowAPrefixTests(PostgresCluster cluster)
{
    private const string Prefix = "/registers-api";

    [Fact]
    public async Task Links_followed_through_the_proxy_reach_what_they_name()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await using var proxy = await PathPrefixProxy.StartAsync(server.Address, Prefix, forwardsPrefix: true);
        using var signed = new HttpClient(SigningHandler.For(server.AdminKey)) { BaseAddress = new Uri(proxy.Published + "/") };
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = proxy.Address };

        var created = await signed.PostAsJsonAsync("registers", CreateAndAppendTests.CountryDefinition);
        Assert.Equal($"{Prefix}/registers/country", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(created.Headers.Location)).StatusCode);
        var entries = new[] { ("FR", "France"), ("GB", "United Kingdom"), ("DE", "Germany") }
            .Select(country => new { key = country.Item1, item = new { country = country.Item1, name = country.Item2 } });
        (await signed.PostAsJsonAsync("registers/country/entries", new { entries })).EnsureSuccessStatusCode();

        var firstEntries = await client.GetAsync($"{Prefix}/registers/country/entries?limit=2");
        Assert.Contains("X-Forwarded-Prefix", firstEntries.Headers.Vary); // a shared cache keeps one client's prefix from others
        var nextEntries = await FollowAsync(client, Link(firstEntries, "next"));
        Assert.Equal("3", (await nextEntries.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("entry-number").GetString());

        var entry = (await (await client.GetAsync($"{Prefix}/registers/country/entries/2")).Content.ReadFromJsonAsync<JsonElement>())[0];
        var links = entry.GetProperty("links");
        var item = await FollowAsync(client, links.GetProperty("items")[0].GetString()!);
        Assert.Equal("United Kingdom", (await item.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal("2", (await (await FollowAsync(client, links.GetProperty("proof").GetString()!)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entry-number").GetString());
        Assert.StartsWith("registers.test/registers/country\n", await (await FollowAsync(client, links.GetProperty("checkpoint").GetString()!)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var firstRecords = await client.GetAsync($"{Prefix}/registers/country/records?page-size=2");
        var nextRecords = await (await FollowAsync(client, Link(firstRecords, "next"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["GB"], nextRecords.EnumerateObject().Select(record => record.Name));

        var record = await client.GetAsync($"{Prefix}/registers/country/records/GB");
        var history = await FollowAsync(client, Link(record, "version-history"));
        Assert.Equal("GB", (await history.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("key").GetString());

        var index = await client.GetFromJsonAsync<JsonElement>($"{Prefix}/registers");
        foreach (var listed in new[] { index.GetProperty("registers")[0].GetProperty("links"), index.GetProperty("links") })
        {
            foreach (var link in listed.EnumerateObject())
            {
                await FollowAsync(client, link.Value.GetString()!);
            }
        }
    }

    [Theory]
    [InlineData("/", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "/ui/")]
    [InlineData("/ui?register=country", "text/html", "/ui/?register=country")]
    public async Task The_redirects_to_the_page_stay_below_the_prefix(string path, string accept, string page)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await using var proxy = await PathPrefixProxy.StartAsync(server.Address, Prefix, forwardsPrefix: true);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = proxy.Address };

        using var request = new HttpRequestMessage(HttpMethod.Get, Prefix + path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var redirect = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal(Prefix + page, redirect.Headers.Location?.OriginalString);
        var html = await FollowAsync(client, redirect.Headers.Location!.OriginalString);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Gets <paramref name="link"/> (an absolute path, as the server gives links) through the proxy; it must be found.</summary>
    private static async Task<HttpResponseMessage> FollowAsync(HttpClient client, string link)
    {
        Assert.StartsWith(Prefix + "/", link, StringComparison.Ordinal);
        var answer = await client.GetAsync(link);
        Assert.True(answer.IsSuccessStatusCode, $"{link}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        return answer;
    }

    /// <summary>The target of <paramref name="answer"/>'s <c>Link</c> of relation <paramref name="rel"/>.</summary>
    private static string Link(HttpResponseMessage answer, string rel) =>
        Regex.Match(string.Join(", ", answer.Headers.GetValues("Link")), $"<([^>]*)>; rel=\"{rel}\"") is { Success: true } link
            ? link.Groups[1].Value
            : throw new InvalidOperationException($"No {rel} link.");
}
