using Npgsql;

namespace Registers.Server.Storage;

/// <summary>
/// The server's own connection pool: every write, and the reads outside <see cref="ReadDatabase"/> (tiles,
/// checkpoints, keys). A load sends the same few statements for every chunk of every batch (the projection's inserts,
/// the context read, Marten's append), so each connection prepares the statements it repeats instead of having
/// PostgreSQL parse and plan them every time.
/// </summary>
internal static class ServerPool
{
    /// <summary>A pool on <paramref name="connectionString"/> that prepares its repeated statements.</summary>
    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 });
}
