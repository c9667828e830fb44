using System.Text.Json;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

public sealed class ConcurrentWriterTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Thirty_two_concurrent_writers_leave_dense_numbers_an_intact_chain_and_a_recomputable_root()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(server, "thing");
        const int Writers = 32, AppendsEach = 10;

        var statuses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
        {
            using var client = server.NewClient(server.AdminKey);
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < AppendsEach; i++)
            {
                var key = $"w{writer}-{i}";
                var response = await client.PostAsJsonAsync("/registers/thing/entries", new
                {
                    entries = new[] { new { key, item = new Dictionary<string, string> { ["thing"] = key, ["name"] = "x" } } },
                });
                codes.Add(response.StatusCode);
            }

            return codes;
        }));

        Assert.All(statuses.SelectMany(codes => codes), status => Assert.Equal(HttpStatusCode.OK, status));
        var log = await StoredLog.ReadAsync(server.ConnectionString, "thing");
        Assert.Equal(Enumerable.Range(1, Writers * AppendsEach).Select(n => (long)n), log.Numbers);
        Assert.Null(ChainHash.FindFirstBreak(ChainHash.Genesis, log.Leaves, log.Chains));

        var tree = new CompactRange();
        tree.AppendRange(log.Leaves);
        var proof = await server.Client.GetFromJsonAsync<JsonElement>("/registers/thing/proof/register/merkle:sha-256");
        Assert.Equal(tree.Root().ToString(), proof.GetProperty("root-hash").GetString());
        Assert.Equal(Writers * AppendsEach, proof.GetProperty("total-entries").GetInt64());
    }

    [Fact]
    public async Task Concurrent_writes_committed_together_each_get_their_own_numbers_or_their_own_refusal()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(server, "thing");

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            // Every fourth write names a field the register does not have.
            var field = i % 4 == 0 ? "colour" : "name";
            var response = await server.Client.PostAsJsonAsync("/registers/thing/entries", new
            {
                entries = new[] { new { key = $"k{i}", item = new Dictionary<string, string> { ["thing"] = $"k{i}", [field] = "x" } } },
            });
            return (i, response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        Assert.All(responses, r => Assert.Equal(r.i % 4 == 0 ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.OK, r.StatusCode));
        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.Body.GetProperty("user")).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Select(n => (long)n), accepted.Select(user => user.GetProperty("first-entry").GetInt64()).Order());
        Assert.All(accepted, user =>
        {
            // The checkpoint each caller gets is for a size that includes its entry.
            var size = long.Parse(user.GetProperty("checkpoint").GetString()!.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(size >= user.GetProperty("last-entry").GetInt64());
            Assert.Equal(size, user.GetProperty("size").GetInt64());
        });
    }
}
