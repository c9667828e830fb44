using Microsoft.Extensions.Logging.Abstractions;
using Registers.Server.Database;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Database;

/// <summary>PostgreSQL stopping under a running server: a 503 problem asking the client to come back, and service again once it is back.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Reads_and_writes_answer_503_with_Retry_After_while_the_database_is_down_and_succeed_once_it_is_back()
    {
        await OnOwnDatabaseAsync(async (postgres, server) =>
        {
            (await server.Client.GetAsync("/registers")).EnsureSuccessStatusCode();

            await postgres.StopAsync();

            foreach (var (answer, isWrite) in new[]
                     {
                         (await server.Client.GetAsync("/registers"), false),
                         (await SendSignedInAnEarlierSecondAsync(server, CreateAndAppendTests.CountryDefinition), true),
                     })
            {
                var problem = await answer.AssertProblemAsync(503, parameter: null);
                var detail = problem.GetProperty("detail").GetString()!;
                Assert.Contains("try again", detail, StringComparison.Ordinal);
                Assert.Equal(isWrite, detail.Contains("repeat it with the same Idempotency-Key", StringComparison.Ordinal)); // a read has none
                Assert.NotNull(answer.Headers.RetryAfter?.Delta);
            }

            await postgres.StartAsync();

            (await server.Client.GetAsync("/registers")).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).StatusCode);
        });
    }

    [Fact]
    public async Task A_write_signed_in_its_own_second_whose_signature_cannot_be_recorded_is_answered_503_saying_nothing_was_stored()
    {
        await OnOwnDatabaseAsync(async (postgres, server) =>
        {
            (await server.Client.GetAsync("/registers")).EnsureSuccessStatusCode();

            await postgres.StopAsync();

            // Signed ahead of the server's clock (within the minute allowed), so its signature is recorded before the write goes
            // on however late it arrives: one signed "now" that reached the server in the next second skipped the record.
            var answer = await SendSignedAsync(server, CreateAndAppendTests.CountryDefinition, DateTimeOffset.UtcNow.AddSeconds(5));

            var detail = (await answer.AssertProblemAsync(503, parameter: null)).GetProperty("detail").GetString()!;
            Assert.Contains("Nothing of this write was stored, so sending it again is safe", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("may or may not", detail, StringComparison.Ordinal);
            Assert.NotNull(answer.Headers.RetryAfter?.Delta);

            await postgres.StartAsync();

            Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).StatusCode);
        });
    }

    [Fact]
    public async Task Reads_right_after_the_database_restarted_are_answered_though_the_pool_held_connections_to_the_old_one()
    {
        await OnOwnDatabaseAsync(async (postgres, server) =>
        {
            Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).StatusCode);
            (await server.Client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB", name = "United Kingdom" } } } })).EnsureSuccessStatusCode();
            await ReadManyAtOnceAsync(server.Client); // the pool now holds several idle connections

            await postgres.StopAsync();
            await postgres.StartAsync(); // nothing asked while it was down: every pooled connection is to the stopped one

            // Without reads run again, 10 of the 16 were 503s.
            var statuses = await ReadManyAtOnceAsync(server.Client);
            Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        });
    }

    // Pages of records and single records, which are read on connections of their own (lookup readers keep theirs).
    private static async Task<HttpStatusCode[]> ReadManyAtOnceAsync(HttpClient client) =>
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
            (await client.GetAsync(i % 2 == 0 ? "/registers/country/records" : "/registers/country/records/GB")).StatusCode));

    /// <summary>
    /// Waits two seconds (past the server's start second), then sends <paramref name="body"/> to create a register, signed a
    /// second earlier: a signature from an earlier second needs no record before its write, which meets the database itself.
    /// </summary>
    private static async Task<HttpResponseMessage> SendSignedInAnEarlierSecondAsync(RunningServer server, object body)
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        return await SendSignedAsync(server, body, DateTimeOffset.UtcNow.AddSeconds(-1));
    }

    /// <summary>Sends <paramref name="body"/> to create a register, signed by the admin key as made at <paramref name="created"/>.</summary>
    private static async Task<HttpResponseMessage> SendSignedAsync(RunningServer server, object body, DateTimeOffset created)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/registers")) { Content = JsonContent.Create(body) };
        await SigningHandler.SignAsync(request, server.AdminKey, created);
        using var unsigned = new HttpClient();
        return await unsigned.SendAsync(request);
    }

    /// <summary>A server on a database of its own cluster, which the test may stop and start under it.</summary>
    private static async Task OnOwnDatabaseAsync(Func<EmbeddedPostgres, RunningServer, Task> test)
    {
        var folder = Path.Combine(Path.GetTempPath(), "registers-outage-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var postgres = await EmbeddedPostgres.StartAsync(Path.Combine(folder, "data"), stopOnDispose: true, durable: false, NullLogger.Instance);
            await postgres.EnsureDatabaseAsync("registers");
            await using var server = await RunningServer.StartAsync(cluster: null, database: postgres.ConnectionString("registers"));
            await test(postgres, server);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
