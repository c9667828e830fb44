using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Registers.Protocol.Hashing;
using Registers.Server.Storage;
using Weasel.Postgresql;

namespace Registers.Bench.Server;

/// <summary>
/// The floor for the bulk load: the entry rows the server's projection stores for the same file (both logs, with
/// leaf and chain hashes), written by Npgsql's binary COPY into a table made from the server's own definition (same
/// key and index), in a database of its own. The rows are built before the clock starts.
/// </summary>
internal static class CopyFloor
{
    private sealed record EntryRow(short Log, long Number, string Key, DateTimeOffset Timestamp, byte[] ItemHashes, byte[] Leaf, byte[] Chain, Guid Batch);

    /// <summary>Seconds the COPY of every entry row of <paramref name="file"/> took, and how many rows it wrote.</summary>
    public static async Task<(double Seconds, long Rows)> RunAsync(string connectionString, string file, string register)
    {
        var rows = Rows(file, register);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var table = StorageSchema.Entries().ToCreateSql(new PostgresqlMigrator());
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {StorageSchema.Name};\n{table}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var timer = Stopwatch.StartNew();
        Copy(connection, register, rows);
        return (timer.Elapsed.TotalSeconds, rows.Count);
    }

    private static List<EntryRow> Rows(string file, string register)
    {
        var rows = new List<EntryRow>();
        foreach (var chunk in new EventChunks(register).Read(file))
        {
            foreach (var (batch, hashes) in chunk.Batches)
            {
                var id = Guid.CreateVersion7(); // the server stores the id of the event that appended the batch
                rows.AddRange(batch.Entries.Select((entry, i) => new EntryRow(
                    (short)batch.Log, batch.FirstNumber + i, entry.Key, entry.Timestamp.ToDateTimeOffset(),
                    [.. entry.ItemHashes.SelectMany(hash => hash.ToArray())], hashes.Leaves[i].ToArray(), hashes.Chains[i].ToArray(), id)));
            }
        }

        return rows;
    }

    private static void Copy(NpgsqlConnection connection, string register, List<EntryRow> rows)
    {
        using var writer = connection.BeginBinaryImport(
            $"COPY {StorageSchema.Name}.entries (register, log, number, key, timestamp, item_hashes, leaf_hash, chain_hash, batch) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            writer.StartRow();
            writer.Write(register, NpgsqlDbType.Text);
            writer.Write(row.Log, NpgsqlDbType.Smallint);
            writer.Write(row.Number, NpgsqlDbType.Bigint);
            writer.Write(row.Key, NpgsqlDbType.Text);
            writer.Write(row.Timestamp, NpgsqlDbType.TimestampTz);
            writer.Write(row.ItemHashes, NpgsqlDbType.Bytea);
            writer.Write(row.Leaf, NpgsqlDbType.Bytea);
            writer.Write(row.Chain, NpgsqlDbType.Bytea);
            writer.Write(row.Batch, NpgsqlDbType.Uuid);
        }

        writer.Complete();
    }
}
