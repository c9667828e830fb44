using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// A read whose client goes away while its statement waits (on a lock the test holds on a table the read needs) has that
/// statement cancelled in PostgreSQL within seconds, rather than left waiting to answer nobody.
/// </summary>
public sealed class AbandonedReadTests(PostgresCluster cluster)
{
    private const string GbItem = """{"country":"GB","name":"United Kingdom"}""";

    // Ample for a cancel request to reach PostgreSQL on a loaded machine; without one the statement waits for the lock.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("/records/GB", "registers.entries")] // batched record lookups, on their readers' own connections
    [InlineData("/records", "registers.records")]
    [InlineData("/entries", "registers.entries")]
    [InlineData("/proof/register/merkle:sha-256", "registers.checkpoints")]
    [InlineData("/items/sha-256:{gb}", "registers.items")]
    public async Task A_read_whose_client_went_away_has_its_statement_cancelled_in_the_database(string path, string table)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).StatusCode);
        (await server.Client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB", name = "United Kingdom" } } } }))
            .EnsureSuccessStatusCode();
        var target = "/registers/country" + path.Replace("{gb}", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GbItem))), StringComparison.Ordinal);

        await using var held = await HeldTableLock.TakeAsync(server.ConnectionString, table);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(server.Address.Host, server.Address.Port);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {server.Address.Authority}\r\nAccept: application/json\r\n\r\n"));
            await held.WaitForWaitersAsync();
        } // the client goes away without its answer

        var waited = Stopwatch.StartNew();
        while (await held.WaitingSessionsAsync() > 0)
        {
            Assert.True(waited.Elapsed < Patience, $"GET {target}: the server's statement still waits for the lock {waited.Elapsed.TotalSeconds:0.0} s after its client went away");
            await Task.Delay(50);
        }
    }
}
