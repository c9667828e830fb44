using System.Collections.Concurrent;
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

    // The largest size seen signed for each log. Logs only grow and registers are never removed, so a question about a
    // size at or below it is answered without a query.
    private readonly ConcurrentDictionary<(string Register, EntryLog Log), long> _signedSizes = new();

    /// <summary>The latest checkpoint of a register's log, or null when the register does not exist.</summary>
    public async Task<StoredCheckpoint?> LatestAsync(string register, EntryLog log, CancellationToken cancellation)
    {
        var latest = await ReadAsync(LatestSql, cancellation, register, (short)log);
        if (latest is not null)
        {
            _signedSizes.AddOrUpdate((register, log), latest.Size, (_, seen) => Math.Max(seen, latest.Size));
        }

        return latest;
    }

    /// <summary>
    /// The size of a register's log as far as it is known to reach <paramref name="wanted"/>: from memory when a checkpoint
    /// at least that large was seen before, otherwise the latest checkpoint's size; null when the register does not exist.
    /// </summary>
    public async ValueTask<long?> SizeReachingAsync(string register, EntryLog log, long wanted, CancellationToken cancellation) =>
        _signedSizes.TryGetValue((register, log), out var seen) && seen >= wanted
            ? seen
            : (await LatestAsync(register, log, cancellation))?.Size;

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
