using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Proofs;
using Registers.Server.Storage;

namespace Registers.Server.Downloads;

/// <summary>A system entry in an RSF range, and the user size it belongs after.</summary>
/// <param name="Number">Its number in the system log.</param>
/// <param name="Key">Its key.</param>
/// <param name="Timestamp">When it was made.</param>
/// <param name="ItemHashes">Its items.</param>
/// <param name="UserSize">How many user entries were written before the write that appended it.</param>
public sealed record PlacedSystemEntry(long Number, string Key, EntryTimestamp Timestamp, Digest[] ItemHashes, long UserSize);

/// <summary>
/// Where the metadata goes in RSF. A GOV.UK client knows only how many user entries it holds, so the server
/// ties every system entry to a user size: the size of the user log when the write that appended it began (a
/// write is atomic, so its metadata counts as coming before its own entries). The state at user size n holds the
/// system entries tied to sizes below n, and the patch from n to m carries those tied to sizes n to m - 1. That
/// never changes once written, so every metadata entry reaches a client exactly once, however it syncs; the price
/// is that metadata written after the latest user entry travels with the next one.
/// </summary>
/// <remarks>
/// Writes are told apart by the register's event stream: batches are events in commit order (stream version), and
/// the events of one write share its timestamp.
/// </remarks>
public sealed class RsfRange(ReadDatabase database, TreeNodes nodes)
{
    private static readonly string SystemSizeSql = $"""
        SELECT coalesce(max(s.number), 0)
        FROM {StorageSchema.Name}.entries u
        JOIN {StorageSchema.Name}.mt_events uv ON uv.id = u.batch
        JOIN {StorageSchema.Name}.entries s ON s.register = $1 AND s.log = {(short)EntryLog.System}
        JOIN {StorageSchema.Name}.mt_events sv ON sv.id = s.batch
        WHERE u.register = $1 AND u.log = {(short)EntryLog.User} AND u.number = $2
          AND (sv.version < uv.version OR sv.timestamp = uv.timestamp)
        """;

    private static readonly string PlacedSql = $"""
        SELECT s.number, s.key, s.timestamp, s.item_hashes, coalesce((
            SELECT (data ->> 'firstNumber')::bigint + jsonb_array_length(data -> 'entries') - 1
            FROM {StorageSchema.Name}.mt_events
            WHERE stream_id = $1 AND version < sv.version AND timestamp <> sv.timestamp
              AND type = 'entries_appended' AND data ->> 'log' = 'User'
            ORDER BY version DESC LIMIT 1), 0)
        FROM {StorageSchema.Name}.entries s JOIN {StorageSchema.Name}.mt_events sv ON sv.id = s.batch
        WHERE s.register = $1 AND s.log = {(short)EntryLog.System} AND s.number > $2 AND s.number <= $3
        ORDER BY s.number
        """;

    /// <summary>How many system entries belong to the state at user size <paramref name="userSize"/> (at most that many exist).</summary>
    public async Task<long> SystemSizeAtAsync(NpgsqlConnection connection, string register, long userSize, CancellationToken cancellation)
    {
        if (userSize == 0)
        {
            return 0;
        }

        await using var command = ReadSql.Command(connection, SystemSizeSql, register, userSize);
        return (long)(await command.ExecuteScalarAsync(cancellation) ?? 0L);
    }

    /// <summary>The system entries after <paramref name="from"/> up to <paramref name="to"/>, each with the user size it belongs after.</summary>
    public async Task<IReadOnlyList<PlacedSystemEntry>> SystemEntriesAsync(NpgsqlConnection connection, string register, long from, long to, CancellationToken cancellation)
    {
        var placed = new List<PlacedSystemEntry>();
        if (to <= from)
        {
            return placed;
        }

        await using var command = ReadSql.Command(connection, PlacedSql, register, from, to);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            placed.Add(new PlacedSystemEntry(
                reader.GetInt64(0), reader.GetString(1), ReadSql.Timestamp(reader, 2), ReadSql.Hashes(reader.GetFieldValue<byte[]>(3)), reader.GetInt64(4)));
        }

        return placed;
    }

    /// <summary>The root of the user tree of <paramref name="size"/> entries, from the stored tiles.</summary>
    public async Task<Digest> RootAsync(string register, long size, CancellationToken cancellation)
    {
        var frontierNodes = CompactRange.FrontierNodes((ulong)size);
        var frontier = await nodes.ReadAsync(register, EntryLog.User, (ulong)size, frontierNodes, cancellation);
        return CompactRange.FromFrontier((ulong)size, frontier).Root();
    }

    /// <summary>Opens a connection for one download's statements.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellation) => database.Source.OpenConnectionAsync(cancellation);
}
