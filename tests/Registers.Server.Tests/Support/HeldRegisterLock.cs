using Npgsql;

namespace Registers.Server.Tests.Support;

/// <summary>
/// The row lock a write takes on its register's stream (Marten's FetchForExclusiveWriting), held by a session of the test
/// as a long write would hold it, until disposed: writes to the register wait for it meanwhile.
/// </summary>
public sealed class HeldRegisterLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldRegisterLock(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<HeldRegisterLock> TakeAsync(string connectionString, string register)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var lockStream = new NpgsqlCommand("SELECT id FROM registers.mt_streams WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { new NpgsqlParameter { Value = register } },
        };
        await lockStream.ExecuteScalarAsync();
        return new HeldRegisterLock(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
