using System.Diagnostics;
using Npgsql;

namespace Registers.Server.Tests.Support;

/// <summary>
/// An ACCESS EXCLUSIVE lock on one table, held by a session of the test until disposed, as a long migration holds it:
/// every statement that reads or writes the table waits meanwhile, so a request needing it stays in flight.
/// </summary>
public sealed class HeldTableLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _table;

    private HeldTableLock(NpgsqlConnection connection, NpgsqlTransaction transaction, string table) =>
        (_connection, _transaction, _table) = (connection, transaction, table);

    /// <summary>Locks <paramref name="table"/> (schema-qualified) in the database of <paramref name="connectionString"/>.</summary>
    public static async Task<HeldTableLock> TakeAsync(string connectionString, string table)
    {
        // A connection of its own, outside any pool: the test's pool could hand it on after a failure.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var take = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await take.ExecuteNonQueryAsync();
        return new HeldTableLock(connection, transaction, table);
    }

    /// <summary>Waits (a minute at most) until <paramref name="sessions"/> other sessions wait for the lock.</summary>
    public async Task WaitForWaitersAsync(int sessions = 1)
    {
        var waited = Stopwatch.StartNew();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE relation = $1::regclass AND NOT granted", _connection, _transaction)
        {
            Parameters = { new NpgsqlParameter { Value = _table } },
        };
        while ((long)(await count.ExecuteScalarAsync())! < sessions)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"No request came to wait for the lock on {_table} within a minute.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>How many sessions have a statement waiting for this lock now, as pg_stat_activity shows them.</summary>
    public async Task<long> WaitingSessionsAsync()
    {
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pg_backend_pid() = ANY(pg_blocking_pids(pid))", _connection, _transaction);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Lets go of the lock: the waiting statements go on.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
