using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary>Resources with a representation of their own (notes, proofs, tiles, downloads) refuse a suffix that names another.</summary>
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
    [InlineData("/registers/country/proof/register/merkle:sha-256.json", "application/json")]
    [InlineData("/registers/country/download-csv.csv", "text/csv")]
    [InlineData("/registers/country/checkpoint", "text/plain")]
    public async Task The_resources_own_format_is_served(string path, string mediaType)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
