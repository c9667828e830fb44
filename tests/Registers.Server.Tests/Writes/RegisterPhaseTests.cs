using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A definition's <c>phase</c> is one of GOV.UK's: discovery, alpha, beta or live. Any other (<c>Beta</c>,
/// <c>production</c>) was written into the register's own item as sent, a phase no reader of GOV.UK's registers knows:
/// it is refused (400, naming it), and no register is made.
/// </summary>
public sealed class RegisterPhaseTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("Beta")]
    [InlineData("production")]
    [InlineData(" live")]
    public async Task A_definition_with_a_phase_of_none_of_govuks_is_400_naming_it_and_creates_nothing(string phase)
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.PostAsJsonAsync("/registers", Definition(phase));

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains($"phase '{phase}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/territory/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task A_definition_with_a_phase_of_govuks_is_written_into_the_register_item()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        (await server.Client.PostAsJsonAsync("/registers", Definition("alpha"))).EnsureSuccessStatusCode();

        var register = await server.Client.GetFromJsonAsync<JsonElement>("/registers/territory/register");
        Assert.Equal("alpha", register.GetProperty("register-record").GetProperty("phase").GetString());
    }

    private static Dictionary<string, object> Definition(string phase) => new()
    {
        ["name"] = "territory",
        ["phase"] = phase,
        ["fields"] = new[] { new { field = "territory", datatype = "string", cardinality = "1" } },
    };
}
