using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Records;

/// <summary>
/// Records are found by a field's value at <c>/records/{field}/{value}</c>, not by a query parameter: <c>?name=X</c>,
/// left alone as an unknown parameter, would answer every record, and a service taking "some records came back" for
/// "X is there" would be told yes. A parameter named like a field of the log is refused, pointing to the path; so is
/// <c>?key=X</c>, pointing to the key's record.
/// </summary>
public sealed class FieldQueryParameterTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/records?name=Atlantis", "name", "/registers/country/records/name/Atlantis")]
    [InlineData("/registers/country/records.csv?Official-Name=The%20Czech%20Republic", "official-name", "/registers/country/records/official-name/The%20Czech%20Republic")]
    [InlineData("/registers/country/records/name/Czechoslovakia?country=GB", "country", "/registers/country/records/country/GB")]
    [InlineData("/registers/country/system/records?field=name", "field", "/registers/country/system/records/field/name")]
    public async Task A_parameter_named_like_a_field_is_refused_with_the_path_that_finds_records_by_it(string path, string parameter, string instead)
    {
        var problem = await (await _client.GetAsync(path)).AssertProblemAsync(400, parameter);

        problem.AssertWhole(400);
        Assert.Equal("Parameter not taken", problem.GetProperty("title").GetString());
        Assert.Contains(instead, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/registers/country/records?key=GB", "/registers/country/records/GB")]
    [InlineData("/registers/country/records.csv?KEY=CZ&page-size=1", "/registers/country/records/CZ")]
    [InlineData("/registers/country/records/name/Czechoslovakia?key=CS", "/registers/country/records/CS")]
    [InlineData("/registers/country/system/records?key=field%3Aname", "/registers/country/system/records/field%3Aname")]
    public async Task A_key_parameter_is_refused_with_the_path_of_the_keys_record(string path, string instead)
    {
        var problem = await (await _client.GetAsync(path)).AssertProblemAsync(400, "key");

        problem.AssertWhole(400);
        Assert.Equal("Parameter not taken", problem.GetProperty("title").GetString());
        Assert.Contains(instead, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/registers/country/records?cache-buster=1")]
    [InlineData("/registers/country/records/name/Czechoslovakia?_=1")]
    [InlineData("/registers/country/records/CZ?name=x")]
    [InlineData("/registers/country/records/CZ?key=x")]
    public async Task Other_parameters_and_a_single_record_are_answered(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(path)).StatusCode);
    }
}
