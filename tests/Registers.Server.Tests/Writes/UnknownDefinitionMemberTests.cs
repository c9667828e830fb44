using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A member a body does not take would be dropped unseen, and the write done otherwise than meant (a register's
/// <c>copyright</c> left out, a key's <c>start-date</c> not the one sent): creating a register and allowing a custodian key
/// refuse it with 400 naming it, as an append does, and write nothing.
/// </summary>
public sealed class UnknownDefinitionMemberTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_definition_with_a_member_the_server_does_not_take_is_400_naming_it_and_creates_nothing()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        const string definition = """{"name":"territory","copyright":"Crown","fields":[{"field":"territory","datatype":"string","cardinality":"1"}]}""";

        var response = await server.Client.PostAsync("/registers", new StringContent(definition, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains("copyright", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/territory/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task Allowing_a_key_with_a_member_the_server_does_not_take_is_400_naming_it_and_allows_nothing()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        using var key = SignerKey.Generate("custodian.test/dave");

        var response = await server.Client.PutAsJsonAsync("/registers/country/custodian-keys",
            new Dictionary<string, string> { ["key"] = key.VerifierKey.ToString(), ["start-date"] = "2020-01-01T00:00:00Z" });

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains("start-date", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var dave = server.NewClient(key);
        var write = await dave.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode); // listed nowhere: the server knows no such key
    }
}
