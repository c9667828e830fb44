using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A create is retried as every write is: under the same idempotency key, the signer gets its first receipt again, not a
/// 409 for the register its own first try made (a client whose answer was lost would report a failure that did not happen).
/// </summary>
public sealed class RetriedCreateTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_create_sent_again_under_its_key_answers_its_first_receipt_and_writes_nothing()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var first = await CreateAsync(server, CreateAndAppendTests.CountryDefinition, "create-country");
        var again = await CreateAsync(server, CreateAndAppendTests.CountryDefinition, "create-country");
        var unkeyed = await CreateAsync(server, CreateAndAppendTests.CountryDefinition, null);
        var otherBody = await CreateAsync(server, CreateAndAppendTests.DefinitionOf("country"), "create-country", title: "Countries");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>();
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(receipt.GetProperty("system").GetProperty("root").GetString(), repeated.GetProperty("system").GetProperty("root").GetString());
        Assert.Equal(receipt.GetProperty("system").GetProperty("size").GetInt64(), repeated.GetProperty("system").GetProperty("size").GetInt64());
        Assert.Equal(receipt.GetProperty("system").GetProperty("size").GetInt64(), await SystemSizeAsync(server));
        await unkeyed.AssertProblemAsync(409, null);
        await otherBody.AssertProblemAsync(422, "Idempotency-Key");
    }

    private static async Task<HttpResponseMessage> CreateAsync(RunningServer server, object definition, string? key, string? title = null)
    {
        var body = JsonSerializer.SerializeToNode(definition)!;
        if (title is not null)
        {
            body["title"] = title;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/registers") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await server.Client.SendAsync(request);
    }

    private static async Task<long> SystemSizeAsync(RunningServer server) =>
        long.Parse((await server.Client.GetStringAsync("/registers/country/system/checkpoint")).Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
}
