using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Server.Storage;

namespace Registers.Server.Checkpoints;

/// <summary>A checkpoint the log key signed: the tree size, its root and the signed note.</summary>
public sealed record StoredCheckpoint(long Size, Digest Root, string Note);

/// <summary>Reads the checkpoints the server signed, the latest or any earlier one by size.</summary>
public sealed class CheckpointStore(NpgsqlDataSource database)
{
    private static readonly string LatestSql =
        $"SELECT size, root, note FROM {StorageSchema.Name}.checkpoints WHERE register = $1 AND log = $2 ORDER BY size DESC LIMIT 1";

    private static readonly string BySizeSql =
        $"SELECT size, root, note FROM {StorageSchema.Name}.checkpoints WHERE register = $1 AND log = $2 AND size = $3";

    /// <summary>The latest checkpoint of a register's log, or null when the register does not exist.</summary>
    public Task<StoredCheckpoint?> LatestAsync(string register, EntryLog log, CancellationToken cancellation) =>
        ReadAsync(LatestSql, cancellation, register, (short)log);

    /// <summary>The checkpoint signed for <paramref name="size"/>, or null if the log never had that size signed.</summary>
    public Task<StoredCheckpoint?> AtSizeAsync(string register, EntryLog log, long size, CancellationToken cancellation) =>
        ReadAsync(BySizeSql, cancellation, register, (short)log, size);

    private async Task<StoredCheckpoint?> ReadAsync(string sql, CancellationToken cancellation, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? new StoredCheckpoint(reader.GetInt64(0), Digest.FromBytes(reader.GetFieldValue<byte[]>(1)), reader.GetString(2))
            : null;
    }
}
