using System.Net.Http.Headers;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary>The page for people at <c>/ui/</c>: where browsers are sent, how its files are served, and that API clients see no change.</summary>
public sealed class PageRoutingTests(SampleRegister sample) : IClassFixture<SampleRegister>, IDisposable
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sample.Server.Address };

    [Fact]
    public async Task A_browser_opening_the_root_is_sent_to_the_page_and_other_clients_get_the_json_list()
    {
        var browser = await GetAsync("/", BrowserAccept);
        var curl = await GetAsync("/", "*/*");
        var json = await GetAsync("/", "application/json, text/html;q=0.5");

        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.Equal("/ui/", browser.Headers.Location?.OriginalString);
        Assert.Equal("application/json", curl.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_browser_asking_for_the_roots_headers_gets_the_same_redirect()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/");
        request.Headers.Accept.ParseAdd(BrowserAccept);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_page_and_its_scripts_are_served_with_their_types_and_a_policy_that_allows_only_this_server()
    {
        var folder = await GetAsync("/ui", BrowserAccept);
        var page = await GetAsync("/ui/", BrowserAccept);
        var script = await GetAsync("/ui/entry-proof.js", "*/*");

        Assert.Equal("/ui/", new Uri(sample.Server.Address, folder.Headers.Location!).AbsolutePath);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<main id=\"view\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("verifyInclusion", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", script.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-cache", script.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_file_the_page_does_not_have_is_a_404_problem()
    {
        var response = await GetAsync("/ui/nothing.js", "*/*");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/ui")]
    [InlineData("/ui/")]
    [InlineData("/ui/view-entry.js")]
    public async Task Another_method_than_a_read_is_a_405_naming_the_methods_the_page_answers(string path)
    {
        var response = await _client.PostAsync(path, new StringContent("{}"));

        var problem = await response.AssertProblemAsync(405, null);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.False(problem.TryGetProperty("unserved-path", out _));
    }

    [Fact]
    public async Task The_page_stays_global_on_a_registers_own_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ui/");
        request.Headers.Host = "country.registers.test";

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await _client.SendAsync(request);
    }
}
