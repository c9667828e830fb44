using System.Net.Http.Headers;
using System.Text;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A write reads no query parameters but those it names (a load's <c>lenient</c>). Any other was dropped unseen and the
/// write done all the same: a load sent with <c>?dry-run=true</c> was written for real. It is refused (400, naming the
/// parameter), and nothing is written.
/// </summary>
public sealed class UntakenWriteQueryTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Theory]
    [InlineData("/registers/country/rsf?dry-run=true", "dry-run")]
    [InlineData("/registers/country/rsf?lenient=false&validate-only=1", "validate-only")]
    public async Task A_load_sent_with_a_parameter_it_does_not_take_is_400_naming_it_and_writes_nothing(string path, string parameter)
    {
        var rsf = new RsfBuilder().User("GB", "2024-01-01T00:00:00Z", """{"country":"GB"}""").ToString();
        using var content = new StringContent(rsf, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");

        var problem = await (await Server.Client.PostAsync(path, content)).AssertProblemAsync(400, parameter);

        Assert.Contains($"'{parameter}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Theory]
    [InlineData("lenient")]
    [InlineData("dry-run")]
    public async Task An_append_sent_with_a_query_parameter_is_400_naming_it_and_writes_nothing(string parameter)
    {
        var response = await Server.Client.PostAsJsonAsync($"/registers/country/entries?{parameter}=true",
            new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } });

        await response.AssertProblemAsync(400, parameter);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task Creating_a_register_with_a_query_parameter_is_400_naming_it_and_creates_nothing()
    {
        var response = await Server.Client.PostAsJsonAsync("/registers?dry-run=true", CreateAndAppendTests.DefinitionOf("territory"));

        await response.AssertProblemAsync(400, "dry-run");
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("/registers/territory/checkpoint")).StatusCode);
    }
}
