using System.Runtime.CompilerServices;
using Registers.Server.Items;
using Registers.Server.Storage;

namespace Registers.Server.Records;

/// <summary>
/// Reads the items of a page of records as the page is written, a few megabytes at a time. A page may hold 5,000
/// records and an item 8 MiB, so reading a page's items at once could take gigabytes; reading them through one open
/// statement would hold a connection for as long as a slow client takes to read the page. Instead each statement
/// returns the items in page order only while those before come to less than <see cref="BatchBytes"/> (PostgreSQL
/// knows a stored value's length without reading it), and the next statement starts at the first record it did not
/// finish. A page of small items is one statement.
/// </summary>
public sealed class RecordItems(ReadDatabase database)
{
    /// <summary>About how many bytes of items one statement reads (always a whole first record, however large).</summary>
    public const long BatchBytes = 4 << 20;

    // $2: the hashes in page order; $3: the byte budget; $4: how many of them the first record cites.
    private static readonly string ItemsSql = $"""
        SELECT n, content FROM (
            SELECT h.n, i.content, sum(octet_length(i.content)) OVER (ORDER BY h.n) - octet_length(i.content) AS before
            FROM unnest($2::bytea[]) WITH ORDINALITY AS h(hash, n)
            JOIN {StorageSchema.Name}.items i ON i.register = $1 AND i.hash = h.hash) x
        WHERE before < $3 OR n <= $4
        ORDER BY n
        """;

    /// <summary>The records of <paramref name="rows"/>, in their order, each with its items.</summary>
    /// <exception cref="InvalidOperationException">An item a record cites is not stored.</exception>
    public async IAsyncEnumerable<StoredRecord> ReadAsync(string register, IReadOnlyList<RecordRow> rows, [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var next = 0;
        var asked = rows.Count;
        while (next < rows.Count)
        {
            var batch = rows.Skip(next).Take(asked).ToList();
            var items = await ItemsAsync(register, batch, cancellation);
            var taken = 0;
            var finished = 0;
            foreach (var row in batch.TakeWhile(row => taken + row.Hashes.Count <= items.Count))
            {
                yield return new StoredRecord(row.Number, row.Key, row.Timestamp, items.GetRange(taken, row.Hashes.Count));
                taken += row.Hashes.Count;
                finished++;
            }

            if (finished == 0)
            {
                throw new InvalidOperationException($"Register {register} lacks an item that record {batch[0].Key} cites.");
            }

            // The whole rest of the page at first; after a cut, twice what the statement finished, so a page of large
            // items does not send (and PostgreSQL look up) every remaining hash again for each few records.
            next += finished;
            asked = 2 * finished;
        }
    }

    private async Task<List<ItemJson>> ItemsAsync(string register, List<RecordRow> batch, CancellationToken cancellation)
    {
        var hashes = batch.SelectMany(row => row.Hashes).Select(hash => hash.ToArray()).ToArray();
        var items = new List<ItemJson>(hashes.Length);
        await using var command = ReadSql.Command(database, ItemsSql, register, hashes, BatchBytes, (long)batch[0].Hashes.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            if (reader.GetInt64(0) != items.Count + 1)
            {
                break; // an item is missing: the records before it are whole, and the one citing it is refused above
            }

            items.Add(new ItemJson(reader.GetString(1)));
        }

        return items;
    }
}
