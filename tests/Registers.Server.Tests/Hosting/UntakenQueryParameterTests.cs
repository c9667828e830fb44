using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

public sealed class UntakenQueryParameterTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/download-csv?as-of=4", "as-of")]
    [InlineData("/registers/country/download-rsf?AS-OF=4", "AS-OF")]
    [InlineData("/registers/country/entries?page-size=3", "page-size")]
    [InlineData("/registers/country/records/CZ?page-index=2", "page-index")]
    [InlineData("/registers/country/records?start=2", "start")]
    [InlineData("/registers/country/proof/register/merkle:sha-256?as-of=4", "as-of")]
    [InlineData("/registers/country/checkpoint?as-of=4", "as-of")]
    public async Task A_parameter_another_read_takes_is_refused_where_it_would_be_ignored(string path, string parameter)
    {
        var problem = await (await _client.GetAsync(path)).AssertProblemAsync(400, parameter.ToLowerInvariant());

        problem.AssertWhole(400);
        Assert.Equal("Parameter not taken", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_refusal_says_what_the_resource_takes()
    {
        var problem = await (await _client.GetAsync("/registers/country/records/CZ/entries?limit=2")).AssertProblemAsync(400, "limit");

        Assert.Contains("It takes as-of, page-index, page-size.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/registers/country/records/CZ?cache-buster=1")]
    [InlineData("/registers/country/download-csv?_=1")]
    [InlineData("/registers/country/records/CZ?as-of=4")]
    [InlineData("/registers/country/entries?start=2&limit=1")]
    public async Task Parameters_no_read_takes_and_those_this_one_takes_are_answered(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(path)).StatusCode);
    }
}
