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

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/a>; rel=\"next\"")]
    [InlineData("/a\"b")]
    [InlineData("/a/../b")]
    [InlineData("/a/%2e%2E/b")]
    [InlineData("/a/.%2e")]
    [InlineData("/a//b")]
    [InlineData("/a?b")]
    [InlineData("/a,/b")]
    [InlineData("registers-api")]
    public async Task A_prefix_that_is_not_a_plain_path_is_taken_as_none(string prefix)
    {
        // A proxy that does not set the header itself passes a client's on: links and redirects must not lead off the
        // server ("//evil.example/ui/") or out of a Link header's brackets.
        await using var server = await RunningServer.StartAsync(cluster);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };

        using var page = new HttpRequestMessage(HttpMethod.Get, "/ui");
        page.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", prefix);
        using var index = new HttpRequestMessage(HttpMethod.Get, "/registers");
        index.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", prefix);

        Assert.Equal("/ui/", (await client.SendAsync(page)).Headers.Location?.OriginalString);
        var links = (await (await client.SendAsync(index)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links");
        Assert.Equal(["/openapi/v1.json", "/scalar/v1"], links.EnumerateObject().Select(link => link.Value.GetString()));
    }

    [Theory]
    [InlineData("/api;v=1/", "/api;v=1")]
    [InlineData("/a%20b/c.d~e", "/a%20b/c.d~e")]
    [InlineData("/...", "/...")]
    public async Task A_plain_path_prefix_is_taken(string prefix, string taken)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/registers");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", prefix);

        var links = (await (await server.Client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links");

        Assert.Equal(taken + "/openapi/v1.json", links.EnumerateObject().First().Value.GetString());
    }

    [Fact]
    public async Task A_copy_under_one_prefix_is_not_revalidated_as_another_prefixs()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        (await server.Client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } })).EnsureSuccessStatusCode();

        var plain = await GetAsync(server, prefix: null, ifNoneMatch: null);
        var below = await GetAsync(server, Prefix, ifNoneMatch: null);
        var revalidated = await GetAsync(server, Prefix, below.Headers.ETag!.Tag);
        var crossed = await GetAsync(server, Prefix, plain.Headers.ETag!.Tag);

        Assert.NotEqual(plain.Headers.ETag, below.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Contains("X-Forwarded-Prefix", revalidated.Headers.Vary); // a 304 says what its 200 said (RFC 9110, 15.4.5)
        Assert.Equal(HttpStatusCode.OK, crossed.StatusCode);
        Assert.StartsWith(Prefix + "/", (await crossed.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("links").GetProperty("proof").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_without_links_keeps_its_etag_below_a_prefix_so_a_checkpoints_tag_serves_as_if_match()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();

        var plain = await GetAsync(server, prefix: null, ifNoneMatch: null, "/registers/country/checkpoint");
        var below = await GetAsync(server, Prefix, ifNoneMatch: null, "/registers/country/checkpoint");
        using var append = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries")
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } }),
        };
        append.Headers.TryAddWithoutValidation("If-Match", below.Headers.ETag!.Tag);

        Assert.Equal(plain.Headers.ETag, below.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(append)).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(RunningServer server, string? prefix, string? ifNoneMatch, string path = "/registers/country/entries/1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (prefix is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", prefix);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await server.Client.SendAsync(request);
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
