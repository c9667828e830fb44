using System.Text;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

public sealed class WriteMediaTypeTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("/registers/country/entries", """{"entries":[{"key":"GB","item":{"country":"GB"}}]}""")]
    [InlineData("/registers", """{"name":"territory","fields":[{"field":"territory","datatype":"string","cardinality":"1"}]}""")]
    public async Task A_json_write_sent_as_another_media_type_is_415_saying_which_one_to_send(string path, string body)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();

        // What curl -d sends when no Content-Type is given.
        var response = await server.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await response.AssertProblemAsync(415, null);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var register = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/register/merkle:sha-256");
        Assert.Equal(0, register.GetProperty("total-entries").GetInt64());
    }
}
