using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registers.Server.Database;

namespace Registers.Bench.Server;

/// <summary>
/// The harness's private PostgreSQL, started from the installed binaries the way the server starts its own:
/// durable (fsync and synchronous commit on), the server's settings, in a folder of ours that is deleted
/// afterwards. It also loads pg_stat_statements, so that the statements a request causes can be counted.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly EmbeddedPostgres _postgres;
    private readonly IDisposable _interruption;

    private readonly string _dataDirectory;

    private BenchCluster(EmbeddedPostgres postgres, string dataDirectory)
    {
        _postgres = postgres;
        _dataDirectory = dataDirectory;
        _interruption = Interruption.OnInterrupt(() => postgres.StopAsync().GetAwaiter().GetResult());
    }

    /// <summary>The <c>postgres</c> database, for administration and for reading statement counts.</summary>
    public string AdminConnectionString => _postgres.ConnectionString();

    /// <summary>Starts a new cluster in <paramref name="dataDirectory"/>.</summary>
    public static async Task<BenchCluster> StartAsync(string dataDirectory)
    {
        var postgres = await EmbeddedPostgres.StartAsync(dataDirectory, stopOnDispose: true, durable: true, NullLogger.Instance);

        // A preloaded library takes effect only when the cluster starts: set it, then start again.
        await ExecuteAsync(postgres.ConnectionString(), "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
        await postgres.StopAsync();
        NpgsqlConnection.ClearAllPools(); // the pooled connections died with the first start
        postgres = await EmbeddedPostgres.StartAsync(dataDirectory, stopOnDispose: true, durable: true, NullLogger.Instance);
        await ExecuteAsync(postgres.ConnectionString(), "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return new BenchCluster(postgres, dataDirectory);
    }

    /// <summary>The cluster's postmaster, the parent of every process of the cluster.</summary>
    public int PostmasterPid => int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates the database <paramref name="name"/> (unless it exists) and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await _postgres.EnsureDatabaseAsync(name);
        return _postgres.ConnectionString(name);
    }

    /// <summary>
    /// Drops the database <paramref name="name"/>, closing any connection to it. A database a measurement filled draws
    /// autovacuum to its fresh rows a minute later, into whichever measurement comes next.
    /// </summary>
    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Writes every dirty page out now, so that a measurement does not pay for the one before it.</summary>
    public Task CheckpointAsync() => ExecuteAsync(AdminConnectionString, "CHECKPOINT");

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _postgres.DisposeAsync();
        _interruption.Dispose();
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
