using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Server.Registers;

namespace Registers.Server.Storage;

/// <summary>
/// The inline projection that keeps the register tables: items, entries (with leaf and chain hashes),
/// records and Merkle tiles. It runs inside the transaction that appends the events, and each batch
/// becomes a handful of set-based statements however many entries it holds.
/// </summary>
internal sealed class LogProjection : IProjection
{
    /// <inheritdoc/>
    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var @event in events)
        {
            var register = @event.StreamKey ?? throw new InvalidOperationException("Register streams are keyed by name.");
            switch (@event.Data)
            {
                case ItemsAdded added:
                    QueueItems(operations, register, added);
                    break;
                case EntriesAppended batch:
                    QueueBatch(operations, register, @event.Id, batch);
                    break;
                case WriteRecorded write:
                    QueueWrite(operations, register, @event.Id, write);
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void QueueItems(IDocumentOperations operations, string register, ItemsAdded added)
    {
        var hashes = AddedItemHashes.Of(added);
        operations.QueueSqlCommand(
            $"INSERT INTO {StorageSchema.Name}.items (register, hash, content) " +
            "SELECT ?, * FROM unnest(?::bytea[], ?::text[]) ON CONFLICT DO NOTHING",
            register, hashes, added.Items.ToArray());
    }

    private static void QueueBatch(IDocumentOperations operations, string register, Guid eventId, EntriesAppended batch)
    {
        var hashes = BatchHashes.Of(batch);
        var log = (short)batch.Log;
        var entries = batch.Entries;
        var numbers = Enumerable.Range(0, entries.Count).Select(i => batch.FirstNumber + i).ToArray();
        var itemHashes = entries.Select(entry => Concatenate(entry.ItemHashes)).ToArray();

        // Timestamps travel as Unix seconds: as DateTimes, the driver would store 0001-01-01T00:00:00Z as -infinity.
        operations.QueueSqlCommand(
            $"INSERT INTO {StorageSchema.Name}.entries (register, log, number, key, timestamp, item_hashes, leaf_hash, chain_hash, batch) " +
            "SELECT ?, ?, n, k, to_timestamp(t), i, l, c, ? FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bytea[], ?::bytea[], ?::bytea[]) AS b(n, k, t, i, l, c)",
            register, log, eventId,
            numbers,
            entries.Select(entry => entry.Key).ToArray(),
            entries.Select(entry => entry.Timestamp.UnixSeconds).ToArray(),
            itemHashes,
            hashes.Leaves.Select(leaf => leaf.ToArray()).ToArray(),
            hashes.Chains.Select(chain => chain.ToArray()).ToArray());

        // The record of a key is its latest entry: of several entries for one key in a batch, the last wins.
        var latest = Enumerable.Range(0, entries.Count).GroupBy(i => entries[i].Key).Select(group => group.Max()).Order().ToArray();
        operations.QueueSqlCommand(
            $"INSERT INTO {StorageSchema.Name}.records (register, log, key, number, item_hashes) " +
            "SELECT ?, ?, * FROM unnest(?::text[], ?::bigint[], ?::bytea[]) " +
            "ON CONFLICT (register, log, key) DO UPDATE SET number = excluded.number, item_hashes = excluded.item_hashes",
            register, log,
            latest.Select(i => entries[i].Key).ToArray(),
            latest.Select(i => numbers[i]).ToArray(),
            latest.Select(i => itemHashes[i]).ToArray());

        foreach (var tile in hashes.Tiles)
        {
            operations.QueueSqlCommand(
                $"SELECT {StorageSchema.Name}.append_to_tile(?, ?, ?, ?, ?, ?)",
                register, log, (short)tile.Level, tile.Index, tile.Offset * Digest.Length, tile.Hashes);
        }
    }

    private static void QueueWrite(IDocumentOperations operations, string register, Guid eventId, WriteRecorded write) =>
        operations.QueueSqlCommand(
            $"INSERT INTO {StorageSchema.Name}.writes (register, id, key_id, idempotency_key, user_first, user_last, system_first, system_last, user_size, system_size, signature) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
            register, eventId, (object?)write.Signature?.KeyId ?? DBNull.Value, (object?)write.IdempotencyKey ?? DBNull.Value,
            (object?)write.User?.First ?? DBNull.Value, (object?)write.User?.Last ?? DBNull.Value,
            (object?)write.System?.First ?? DBNull.Value, (object?)write.System?.Last ?? DBNull.Value,
            write.UserSize, write.SystemSize,
            write.Signature is null ? DBNull.Value : System.Text.Json.JsonSerializer.Serialize(write.Signature));

    private static byte[] Concatenate(IReadOnlyList<Digest> digests)
    {
        var bytes = new byte[digests.Count * Digest.Length];
        for (var i = 0; i < digests.Count; i++)
        {
            digests[i].Bytes.CopyTo(bytes.AsSpan(i * Digest.Length));
        }

        return bytes;
    }
}
