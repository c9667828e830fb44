using System.Runtime.CompilerServices;
using Registers.Protocol.Hashing;
using Registers.Server.Items;
using Registers.Server.Storage;

namespace Registers.Server.Records;

/// <summary>
/// Reads the items of a page of records as the page is written, a few megabytes at a time. A page may hold 5,000
/// records and an item 8 MiB, so reading a page's items at once could take gigabytes; reading them through one open
/// statement would hold a connection for as long as a slow client takes to read the page. Instead the items' sizes
/// come first (PostgreSQL knows them without reading the items), then the items in batches of about
/// <see cref="BatchBytes"/>, each batch its own statement.
/// </summary>
public sealed class RecordItems(ReadDatabase database)
{
    /// <summary>About how many bytes of items one statement reads (a batch holds at least one record, however large).</summary>
    public const long BatchBytes = 4 << 20;

    private static readonly string SizesSql = $"SELECT hash, octet_length(content) FROM {StorageSchema.Name}.items WHERE register = $1 AND hash = ANY($2)";
    private static readonly string ItemsSql = $"SELECT hash, content FROM {StorageSchema.Name}.items WHERE register = $1 AND hash = ANY($2)";

    /// <summary>The records of <paramref name="rows"/>, in their order, each with its items.</summary>
    public async IAsyncEnumerable<StoredRecord> ReadAsync(string register, IReadOnlyList<RecordRow> rows, [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sizes = await SizesAsync(register, Distinct(rows), cancellation);
        foreach (var batch in Batches(rows, sizes, BatchBytes))
        {
            var items = await ItemsAsync(register, Distinct(batch), cancellation);
            foreach (var row in batch)
            {
                yield return new StoredRecord(row.Number, row.Key, row.Timestamp, [.. row.Hashes.Select(hash => items[hash])]);
            }
        }
    }

    /// <summary>
    /// Cuts <paramref name="rows"/> into runs whose items come to at most <paramref name="budget"/> bytes, or to one
    /// record's items when those alone are more; an item cited again within a run is counted once, so a record whose
    /// items the run already holds always joins it.
    /// </summary>
    public static IEnumerable<IReadOnlyList<RecordRow>> Batches(IReadOnlyList<RecordRow> rows, IReadOnlyDictionary<Digest, long> sizes, long budget)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sizes);
        var batch = new List<RecordRow>();
        var counted = new HashSet<Digest>();
        long bytes = 0;
        long Cost(RecordRow row) => row.Hashes.Distinct().Where(hash => !counted.Contains(hash)).Sum(hash => sizes.GetValueOrDefault(hash));
        foreach (var row in rows)
        {
            var cost = Cost(row);
            if (cost > 0 && bytes + cost > budget && batch.Count > 0)
            {
                yield return batch;
                batch = [];
                counted.Clear();
                bytes = 0;
                cost = Cost(row); // items an earlier record of the finished run brought count again
            }

            bytes += cost;
            batch.Add(row);
            counted.UnionWith(row.Hashes);
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static byte[][] Distinct(IEnumerable<RecordRow> rows) =>
        [.. rows.SelectMany(row => row.Hashes).Distinct().Select(hash => hash.ToArray())];

    private async Task<Dictionary<Digest, long>> SizesAsync(string register, byte[][] hashes, CancellationToken cancellation)
    {
        var sizes = new Dictionary<Digest, long>(hashes.Length);
        await foreach (var (hash, reader) in RowsAsync(SizesSql, register, hashes, cancellation))
        {
            sizes[hash] = reader.GetInt32(1);
        }

        return sizes;
    }

    private async Task<Dictionary<Digest, ItemJson>> ItemsAsync(string register, byte[][] hashes, CancellationToken cancellation)
    {
        var items = new Dictionary<Digest, ItemJson>(hashes.Length);
        await foreach (var (hash, reader) in RowsAsync(ItemsSql, register, hashes, cancellation))
        {
            items[hash] = new ItemJson(reader.GetString(1));
        }

        return items;
    }

    private async IAsyncEnumerable<(Digest Hash, Npgsql.NpgsqlDataReader Reader)> RowsAsync(
        string sql, string register, byte[][] hashes, [EnumeratorCancellation] CancellationToken cancellation)
    {
        if (hashes.Length == 0)
        {
            yield break;
        }

        await using var command = ReadSql.Command(database, sql, register, hashes);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            yield return (Digest.FromBytes(reader.GetFieldValue<byte[]>(0)), reader);
        }
    }
}
