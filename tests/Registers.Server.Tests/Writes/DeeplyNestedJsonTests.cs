using System.Text;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A JSON write is read to a limited depth of nested arrays and objects. A body nested deeper was answered "not valid
/// JSON", sending its sender to look for a syntax error it may not have: it is 400 saying the body is nested too deep and
/// what the limit is, and nothing is written.
/// </summary>
public sealed class DeeplyNestedJsonTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Theory]
    [InlineData("/registers/country/entries", """{"entries":[{"key":"GB","item":{"country":""", 10_000, "")] // opened, never closed
    [InlineData("/registers/country/entries", """{"entries":[{"key":"GB","item":{"country":""", 100, "}}]}")]
    [InlineData("/registers", """{"name":"territory","fields":""", 100, "}")]
    public async Task A_body_nested_past_the_limit_is_400_saying_so_and_giving_the_limit(string path, string opening, int depth, string closing)
    {
        var nested = new string('[', depth) + (closing.Length > 0 ? new string(']', depth) : "");
        using var content = new StringContent(opening + nested + closing, Encoding.UTF8, "application/json");

        var problem = await (await Server.Client.PostAsync(path, content)).AssertProblemAsync(400, null);

        Assert.Equal("Body nested too deep", problem.GetProperty("title").GetString());
        Assert.Contains("at most 64 levels", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("/registers/territory/checkpoint")).StatusCode);
    }
}
