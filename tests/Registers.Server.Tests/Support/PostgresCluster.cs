using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registers.Server.Database;

[assembly: AssemblyFixture(typeof(Registers.Server.Tests.Support.PostgresCluster))]

namespace Registers.Server.Tests.Support;

/// <summary>
/// One real PostgreSQL for the whole test run: a private throw-away cluster started from the
/// installed binaries, or the server named by REGISTERS_TEST_CONNECTION. Each test asks for a
/// database of its own, so tests never see each other's registers.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string ConnectionVariable = "REGISTERS_TEST_CONNECTION";
    private EmbeddedPostgres? _embedded;
    private string _folder = "";
    private string _adminConnection = "";
    private int _databases;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            _adminConnection = configured;
            return;
        }

        _folder = Path.Combine(Path.GetTempPath(), "registers-tests-" + Guid.NewGuid().ToString("N")[..12]);
        _embedded = await EmbeddedPostgres.StartAsync(Path.Combine(_folder, "data"), stopOnDispose: true, durable: false, NullLogger.Instance);
        _adminConnection = _embedded.ConnectionString();
    }

    /// <summary>The embedded cluster, when the tests started one.</summary>
    public EmbeddedPostgres? Embedded => _embedded;

    private const int MaxPoolSizePerDatabase = 40;

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(_adminConnection))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        // Test classes run side by side on this one cluster (300 connections), and a run makes some 270 databases: pools are
        // kept small, and their idle connections closed within seconds rather than Npgsql's five minutes (CI runs met
        // "too many clients" as idle connections of finished tests' databases piled up).
        return new NpgsqlConnectionStringBuilder(_adminConnection)
        {
            Database = name, MaxPoolSize = MaxPoolSizePerDatabase, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5,
        }.ConnectionString;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
