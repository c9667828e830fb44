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
            using var client = server.NewClient(RunningServer.AdminToken);
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
}
