using Npgsql;

namespace Registers.Server.Tests.Support;

/// <summary>What a load is doing in the database, seen from a session of its own: whether some transaction has written.</summary>
public static class LoadWriters
{
    /// <summary>Waits until another session holds an open transaction that has written (it has a transaction id).</summary>
    public static Task WaitUntilWritingAsync(string connectionString) => WaitAsync(connectionString, writing: true);

    /// <summary>Waits until no other session holds a transaction that has written: the load committed or rolled back.</summary>
    public static Task WaitUntilDoneAsync(string connectionString) => WaitAsync(connectionString, writing: false);

    private static async Task WaitAsync(string connectionString, bool writing)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()", connection);
            if ((long)(await command.ExecuteScalarAsync())! > 0 == writing)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail(writing ? "The load never started writing." : "The load never stopped writing.");
    }
}
