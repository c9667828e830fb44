using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary>
/// Resources with a representation of their own (notes, proofs, tiles, downloads) refuse a suffix that names another;
/// those served as JSON alone also refuse an <c>Accept</c> that takes no JSON, as the register resource does.
/// </summary>
public sealed class OwnRepresentationTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/checkpoint.json")]
    [InlineData("/registers/country/checkpoint/8.csv")]
    [InlineData("/registers/country/system/checkpoint.json")]
    [InlineData("/registers/country/proof/register/merkle:sha-256.csv")]
    [InlineData("/registers/country/proof/entry/1/8/merkle:sha-256.csv")]
    [InlineData("/registers/country/proof/consistency/1/8/merkle:sha-256.yaml")]
    [InlineData("/registers/country/tile/0/000.p/8.json")]
    [InlineData("/registers/country/download-rsf.json")]
    [InlineData("/registers/country/download-rsf/0/8.csv")]
    [InlineData("/registers/country/download-csv.json")]
    public async Task A_suffix_naming_another_format_is_a_406_problem(string path)
    {
        var response = await _client.GetAsync(path);

        var problem = await response.AssertProblemAsync(406, null);
        Assert.EndsWith($"not '{path[path.LastIndexOf('.')..]}'.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/registers/country/proof/register/merkle:sha-256", "text/csv")]
    [InlineData("/registers/country/proof/entry/1/8/merkle:sha-256", "text/csv")]
    [InlineData("/registers/country/proof/entries/1/8/merkle:sha-256", "text/plain")]
    [InlineData("/registers/country/proof/consistency/1/8/merkle:sha-256", "text/csv, application/json;q=0")]
    [InlineData("/registers/country/system/proof/register/merkle:sha-256", "text/csv")]
    [InlineData("/registers/country/writes/batch-1", "text/csv")]
    [InlineData("/registers/country/register", "text/csv")]
    public async Task A_json_resource_refuses_an_accept_that_takes_no_json(string path, string accept)
    {
        var response = await GetAsync(path, accept);

        var problem = await response.AssertProblemAsync(406, null);
        Assert.EndsWith($"not Accept: {accept}.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/registers/country/proof/register/merkle:sha-256", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("/registers/country/proof/entry/1/8/merkle:sha-256", "application/*")]
    [InlineData("/registers/country/proof/consistency/1/8/merkle:sha-256", "application/vnd.example+json, text/csv")]
    [InlineData("/registers/country/register", "application/problem+json")]
    [InlineData("/registers/country/register", null)]
    public async Task A_json_resource_is_served_to_an_accept_that_takes_json(string path, string? accept)
    {
        var response = await GetAsync(path, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/registers/country/checkpoint", null, "text/plain")]
    [InlineData("/registers/country/checkpoint", "application/json", "text/plain")]
    [InlineData("/registers/country/checkpoint/8", "*/*", "text/plain")]
    [InlineData("/registers/country/tile/0/000.p/8", null, "application/octet-stream")]
    [InlineData("/registers/country/tile/0/000.p/8", "application/json", "application/octet-stream")]
    public async Task Checkpoints_and_tiles_are_served_whatever_the_accept_as_c2sp_clients_fetch_them(string path, string? accept, string mediaType)
    {
        var response = await GetAsync(path, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/registers/country/proof/register/merkle:sha-256.json", "application/json")]
    [InlineData("/registers/country/download-csv.csv", "text/csv")]
    [InlineData("/registers/country/checkpoint", "text/plain")]
    public async Task The_resources_own_format_is_served(string path, string mediaType)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return _client.SendAsync(request);
    }
}
