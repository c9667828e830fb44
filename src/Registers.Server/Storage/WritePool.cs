using Npgsql;

namespace Registers.Server.Storage;

/// <summary>
/// The writers' connection pool. A load sends the same few statements for every chunk of every batch (the
/// projection's inserts, the context read, Marten's append), so each connection prepares them once instead of
/// having PostgreSQL parse and plan them every time.
/// </summary>
internal static class WritePool
{
    /// <summary>A pool on <paramref name="connectionString"/> that prepares its repeated statements.</summary>
    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 });
}
