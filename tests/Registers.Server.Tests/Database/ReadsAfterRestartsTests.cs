using Microsoft.Extensions.Logging.Abstractions;
using Registers.Server.Database;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Database;

/// <summary>
/// PostgreSQL restarted again and again under a running server whose pools are warm: every read after each restart is
/// answered, though each time every pooled connection is to the PostgreSQL that stopped.
/// </summary>
public sealed class ReadsAfterRestartsTests
{
    private const int Restarts = 8;

    // Each kind of read, on each of the server's pools: pages and records (the read pool, and the lookup readers'
    // own connections), proofs and checkpoints (the server's own pool), the register list.
    private static readonly string[] Reads =
    [
        "/registers/country/records", "/registers/country/records/GB", "/registers/country/entries",
        "/registers/country/proof/register/merkle:sha-256", "/registers/country/checkpoint", "/registers",
    ];

    [Fact]
    public async Task Every_read_after_each_of_several_database_restarts_is_answered()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registers-restarts-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var postgres = await EmbeddedPostgres.StartAsync(Path.Combine(folder, "data"), stopOnDispose: true, durable: false, NullLogger.Instance);
            await postgres.EnsureDatabaseAsync("registers");
            await using var server = await RunningServer.StartAsync(cluster: null, database: postgres.ConnectionString("registers"));
            Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).StatusCode);
            (await server.Client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB", name = "United Kingdom" } } } })).EnsureSuccessStatusCode();

            var failures = new List<string>();
            for (var restart = 1; restart <= Restarts; restart++)
            {
                await ReadAsync(server.Client, failures, "warming", sideBySide: 24); // the pools hold several idle connections
                await postgres.StopAsync();
                await postgres.StartAsync(); // nothing asked while it was down: every pooled connection is to the stopped one

                // Alternately first one at a time and first many at once, so that both meet the dead connections.
                var firsts = restart % 2 == 1 ? new[] { 1, 24 } : [24, 1];
                foreach (var sideBySide in firsts)
                {
                    await ReadAsync(server.Client, failures, $"after restart {restart}, {sideBySide} at once", sideBySide);
                }
            }

            Assert.True(failures.Count == 0, string.Join('\n', failures));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Each kind of read <paramref name="sideBySide"/> times at once; each answer but 200 is noted in <paramref name="failures"/>.</summary>
    private static async Task ReadAsync(HttpClient client, List<string> failures, string when, int sideBySide)
    {
        foreach (var path in Reads)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, sideBySide).Select(_ => client.GetAsync(path)));
            foreach (var answer in answers.Where(answer => answer.StatusCode != HttpStatusCode.OK))
            {
                failures.Add($"{when}: GET {path} answered {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }
    }
}
