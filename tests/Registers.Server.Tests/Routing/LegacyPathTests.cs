using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary>
/// GOV.UK's server answered the singular paths of its first releases (<c>/record/</c>, <c>/entry/</c>, <c>/item/</c>) with
/// 301 to the plural ones, and <c>/v1/...</c> with 307 to the unversioned path: links and clients written then still work here.
/// </summary>
public sealed class LegacyPathTests(SampleRegister sample) : IClassFixture<SampleRegister>, IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sample.Server.Address };

    [Theory]
    [InlineData("/registers/country/record/CZ", HttpStatusCode.MovedPermanently, "/registers/country/records/CZ")]
    [InlineData("/registers/country/record/CZ/entries", HttpStatusCode.MovedPermanently, "/registers/country/records/CZ/entries")]
    [InlineData("/registers/country/record/CZ.csv", HttpStatusCode.MovedPermanently, "/registers/country/records/CZ.csv")]
    [InlineData("/registers/country/entry/3.json?x=1", HttpStatusCode.MovedPermanently, "/registers/country/entries/3.json?x=1")]
    [InlineData("/registers/country/item/sha-256:ab", HttpStatusCode.MovedPermanently, "/registers/country/items/sha-256:ab")]
    [InlineData("/registers/country/record/a%2Fb%2541", HttpStatusCode.MovedPermanently, "/registers/country/records/a%2Fb%2541")]
    [InlineData("/registers/country/v1/records.csv?page-size=1", HttpStatusCode.TemporaryRedirect, "/registers/country/records.csv?page-size=1")]
    [InlineData("/registers/country/v1/record/CZ", HttpStatusCode.TemporaryRedirect, "/registers/country/record/CZ")]
    [InlineData("/registers/country/v1", HttpStatusCode.MovedPermanently, "/registers/country/register")]
    [InlineData("/registers/country/v1.json", HttpStatusCode.MovedPermanently, "/registers/country/register.json")]
    public async Task An_old_path_is_sent_to_the_one_that_replaced_it_as_govuk_sent_it(string path, HttpStatusCode status, string location)
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await _client.SendAsync(new HttpRequestMessage(method, path));

            Assert.Equal(status, response.StatusCode);
            Assert.Equal(location, response.Headers.Location?.OriginalString);
        }
    }

    [Theory]
    [InlineData("/record/CZ.json", "/records/CZ.json")]
    [InlineData("/v1/entries?start=2", "/entries?start=2")]
    public async Task On_a_registers_own_host_the_redirect_stays_at_its_root(string path, string location)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "country.registers.test";

        using var response = await _client.SendAsync(request);

        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/v1//elsewhere.example")]
    [InlineData("/v1//elsewhere.example/x")]
    [InlineData("/v1/\\elsewhere.example")]
    public async Task A_path_whose_redirect_would_leave_the_host_is_not_redirected(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "country.registers.test";

        using var response = await _client.SendAsync(request);

        Assert.Null(response.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Following_the_redirect_gives_what_the_new_path_gives()
    {
        var old = await sample.Client.GetStringAsync("/registers/country/record/CZ");
        var current = await sample.Client.GetStringAsync("/registers/country/records/CZ");

        Assert.Equal(current, old);
        Assert.Equal("CZ", JsonDocument.Parse(old).RootElement.GetProperty("CZ").GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("/registers/country/record")]
    [InlineData("/registers/country/records/record/CZ")]
    public async Task Other_paths_with_those_words_are_not_redirected(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/registers/country/v1/entries")]
    [InlineData("POST", "/registers/country/record/CZ")]
    [InlineData("DELETE", "/registers/country/entry/3")]
    public async Task A_write_to_an_old_path_is_not_redirected_but_a_405_naming_the_reads_it_answers(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("[]") });

        Assert.Null(response.Headers.Location);
        var problem = await response.AssertProblemAsync(405, parameter: null);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.Equal($"'{path}' does not answer {method}; it answers GET, HEAD.", problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("unserved-path", out _)); // GET is served there: it is no wrong address
    }

    public void Dispose() => _client.Dispose();
}
