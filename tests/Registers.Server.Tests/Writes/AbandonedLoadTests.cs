using Microsoft.Extensions.Logging;
using Npgsql;
using Registers.Generator;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A load whose client goes away (Ctrl-C on <c>registers load</c>) is cancelled and leaves nothing; that is the client's
/// choice, not a failure of the server's, and is not logged as an error.
/// </summary>
public sealed class AbandonedLoadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_load_its_client_abandons_leaves_nothing_and_logs_no_error()
    {
        var folder = Directory.CreateTempSubdirectory("registers-abandoned-").FullName;
        try
        {
            var rsf = Path.Combine(folder, "school.rsf");
            SchoolRegister.Write(rsf, 100_000);
            await using var server = await RunningServer.StartAsync(cluster);
            var logs = CapturedLogs.Of(server);
            using var abandon = new CancellationTokenSource();

            var load = server.Client.LoadFileAsync("school", rsf, cancellation: abandon.Token);
            await WaitUntilTheLoadHasWrittenAsync(server.ConnectionString);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // well into its chunks' statements
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load);
            await WaitUntilNothingIsWrittenAsync(server.ConnectionString);

            Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/school/checkpoint")).StatusCode);
            Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task WaitUntilTheLoadHasWrittenAsync(string connectionString) => WaitForWritersAsync(connectionString, writing: true);

    private static Task WaitUntilNothingIsWrittenAsync(string connectionString) => WaitForWritersAsync(connectionString, writing: false);

    /// <summary>Waits until another session of the database holds a transaction that has written (or, with <paramref name="writing"/> false, none does).</summary>
    private static async Task WaitForWritersAsync(string connectionString, bool writing)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0 == writing)
            {
                await Task.Delay(300); // into the load's statements, or past the last log line of its end
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException(writing ? "the load never began writing" : "the load never stopped writing");
    }
}
