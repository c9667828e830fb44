using Npgsql;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

/// <summary>A stopped server leaves no connection open to its database: each of its pools is closed with it.</summary>
public sealed class ServerConnectionsTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_server_that_read_and_wrote_closes_every_connection_it_opened_when_it_stops()
    {
        var database = await cluster.CreateDatabaseAsync();
        var server = await RunningServer.StartAsync(cluster, database: database);
        await GrowingRegister.CreateAsync(server, "thing");
        (await server.Client.LoadAsync("thing", new RsfBuilder().User("K", "2024-01-01T00:00:00Z", """{"name":"a","thing":"K"}""").ToString())).EnsureSuccessStatusCode();
        (await server.Client.GetAsync("/registers/thing/records/K")).EnsureSuccessStatusCode();
        (await server.Client.GetAsync("/registers/thing/proof/entry/1/1/merkle:sha-256")).EnsureSuccessStatusCode();
        Assert.True(await OthersConnectedAsync(database) > 0, "the server should hold connections while it runs");

        await server.DisposeAsync();

        // A backend ends a moment after its client closes the connection.
        var left = await OthersConnectedAsync(database);
        for (var wait = 0; left > 0 && wait < 50; wait++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            left = await OthersConnectedAsync(database);
        }

        Assert.Equal(0, left);
    }

    private static async Task<long> OthersConnectedAsync(string database)
    {
        var settings = new NpgsqlConnectionStringBuilder(database) { Pooling = false };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
