using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registers.Server.Database;
using Registers.Server.Tests.Hosting;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Database;

/// <summary>
/// A private cluster that lost its registers database (dropped while the server was stopped) is never given an empty one
/// in its place: the log key and its signed checkpoints live elsewhere, so clients would see every register rolled back to nothing.
/// </summary>
public sealed class DroppedDatabaseTests
{
    [Fact]
    public async Task A_start_on_a_cluster_whose_registers_database_was_dropped_is_refused_until_told_to_start_afresh()
    {
        var folder = ServerExit.NewDataDirectory();
        var data = Path.Combine(folder, "postgres");
        try
        {
            using (var first = await ServerProcess.StartAsync("", folder))
            {
                using var client = first.NewClient(folder);
                (await client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
                await first.StopAsync();
            }

            await DropRegistersDatabaseAsync(data);
            var refused = await ServerExit.RunAsync($"--Registers:DataDirectory={folder}", "--urls=http://127.0.0.1:0");

            var mark = Path.Combine(folder, "cluster-made");
            FailedStartTests.AssertOneLineFailure(refused, "database registers", data, "backup", mark);
            Assert.False(await HoldsRegistersDatabaseAsync(data), "the registers database was made again, empty");

            // Deleting the mark says an empty database is meant.
            File.Delete(mark);
            using var afresh = await ServerProcess.StartAsync("", folder);
            using var reader = new HttpClient { BaseAddress = afresh.Address };
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/registers/country")).StatusCode);
            Assert.True(File.Exists(mark), "the new database was not marked as made");
            await afresh.StopAsync();
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task A_start_making_the_registers_database_in_a_cluster_it_did_not_make_warns_naming_the_database_and_the_folder()
    {
        var folder = ServerExit.NewDataDirectory();
        var data = Path.Combine(folder, "postgres");
        try
        {
            // A cluster without the mark and without the registers database, as a server from before the mark leaves one whose
            // database was dropped: the start cannot tell it from one stopped before it made the database, so it makes it, and says so.
            await using (await EmbeddedPostgres.StartAsync(data, stopOnDispose: true, durable: false, NullLogger.Instance))
            {
            }

            using var server = await ServerProcess.StartAsync("", folder);
            await server.StopAsync();

            Assert.True(await HoldsRegistersDatabaseAsync(data));
            var warning = Assert.Single(server.Output.Split('\n'), line => line.Contains("an empty one was made", StringComparison.Ordinal));
            Assert.Contains("database registers", warning, StringComparison.Ordinal);
            Assert.Contains(data, warning, StringComparison.Ordinal);
            Assert.Contains("backup", warning, StringComparison.Ordinal);
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    private static async Task DropRegistersDatabaseAsync(string data)
    {
        await using var cluster = EmbeddedPostgres.For(data, stopOnDispose: true, durable: false, NullLogger.Instance);
        Assert.True(await cluster.StartAgainAsync());
        await using var connection = await OpenAsync(cluster);
        await using var drop = new NpgsqlCommand("DROP DATABASE registers", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<bool> HoldsRegistersDatabaseAsync(string data)
    {
        await using var cluster = EmbeddedPostgres.For(data, stopOnDispose: true, durable: false, NullLogger.Instance);
        Assert.True(await cluster.StartAgainAsync());
        await using var connection = await OpenAsync(cluster);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'registers'", connection);
        return await exists.ExecuteScalarAsync() is not null;
    }

    /// <summary>A connection of its own: a pooled one would outlive the cluster stopped after the call before.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(EmbeddedPostgres cluster)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
