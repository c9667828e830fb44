using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Server.Hosting;
using Registers.Server.Items;
using Registers.Server.Storage;

namespace Registers.Server.Records;

/// <summary>A record: the latest entry of its key (at some tree size) and the items that entry cites.</summary>
/// <param name="Number">The number of the entry.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Timestamp">When the entry was made.</param>
/// <param name="Items">The items, as stored.</param>
public sealed record StoredRecord(long Number, string Key, EntryTimestamp Timestamp, IReadOnlyList<ItemJson> Items);

/// <summary>A record without its items: the latest entry of its key and the hashes of the items it cites.</summary>
/// <param name="Number">The number of the entry.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Timestamp">When the entry was made.</param>
/// <param name="Hashes">The items' hashes, in the entry's order.</param>
public sealed record RecordRow(long Number, string Key, EntryTimestamp Timestamp, IReadOnlyList<Digest> Hashes);

/// <summary>A page of records, read at tree size <see cref="At"/> of a log of <see cref="Size"/> entries (null: unknown register).</summary>
public sealed record RecordPage(long? Size, long At, IReadOnlyList<RecordRow> Rows);

/// <summary>Records where a field holds a value (for a list, where one of its values is it).</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Value">The value, exactly.</param>
public sealed record FieldFilter(string Field, string Value);

/// <summary>
/// Reads pages of records at any tree size, each page one statement (single records: <see cref="RecordLookups"/>),
/// without their items, which <see cref="RecordItems"/> reads as the page is written.
/// At the current size they come from the records table; at an earlier size N, a key whose record is newer than N
/// falls back to its latest entry up to N (found through the key index), and a key first seen after N is left out; as of
/// a small size, the entries up to it are read instead. A filter tests only the records citing the items that hold its
/// value when those are few (<see cref="ItemsFirst"/>). Pages are in key order.
/// </summary>
public sealed class RecordReader(ReadDatabase database, ServerOptions options)
{
    private const string CurrentRows = "SELECT key, number, item_hashes FROM {schema}.records WHERE register = $1 AND log = $2";

    // One scan of the records in key order (so a page stops early): a record newer than the size falls back to its
    // key's latest entry up to it, and a key with none then is left out.
    private const string RowsAsOf = """
        SELECT r.key,
               CASE WHEN r.number <= (SELECT n FROM at) THEN r.number ELSE x.number END AS number,
               CASE WHEN r.number <= (SELECT n FROM at) THEN r.item_hashes ELSE x.item_hashes END AS item_hashes
        FROM {schema}.records r
        LEFT JOIN LATERAL (
            SELECT e.number, e.item_hashes FROM {schema}.entries e
            WHERE r.number > (SELECT n FROM at) AND e.register = $1 AND e.log = $2 AND e.key = r.key AND e.number <= (SELECT n FROM at)
            ORDER BY e.number DESC LIMIT 1) x ON true
        WHERE r.register = $1 AND r.log = $2 AND (r.number <= (SELECT n FROM at) OR x.number IS NOT NULL)
        """;

    // As of a small size (see ServerOptions.AsOfEntriesFirst), the entries up to it, each key's latest: reading today's
    // records in key order for the few keys there were then tested every record (/records?as-of=1 at 1,000,000: 3.5 s).
    private const string RowsAsOfFromEntries = """
        SELECT DISTINCT ON (e.key) e.key, e.number, e.item_hashes FROM {schema}.entries e
        WHERE e.register = $1 AND e.log = $2 AND e.number <= (SELECT n FROM at)
        ORDER BY e.key, e.number DESC
        """;

    // Positions come from unnest (which the planner guesses at 10 rows) rather than generate_series (1,000). The
    // narrowing (see ItemsFirst) is tested first: as a condition of its own the planner put it after this one.
    private static readonly string Filter = $$"""
        AND CASE WHEN {{ItemsFirst.Narrowing}} THEN EXISTS (
            SELECT 1 FROM unnest(array_fill(0, ARRAY[octet_length(q.item_hashes) / 32])) WITH ORDINALITY AS a(zero, k)
            WHERE (SELECT strpos(i.content, $7) > 0 AND jsonb_exists(i.content::jsonb -> $5, $6)
                   FROM {schema}.items i WHERE i.register = $1 AND i.hash = substring(q.item_hashes FROM (k::integer - 1) * 32 + 1 FOR 32))) END
        """;

    // The entry's timestamp is a scalar subquery, so it is one index probe per record whatever the planner
    // believes about the table (as a join, a freshly loaded table without statistics got a nested loop over all entries).
    private const string PageSql = """
        SELECT head.size, p.key, p.number,
               (SELECT e.timestamp FROM {schema}.entries e WHERE e.register = $1 AND e.log = $2 AND e.number = p.number),
               p.item_hashes
        FROM head LEFT JOIN LATERAL (
            SELECT q.key, q.number, q.item_hashes FROM ({rows}) q WHERE q.key > $9 {filter} ORDER BY q.key OFFSET $3 LIMIT $4) p ON true
        ORDER BY p.key
        """;

    // Indexed by (how the rows are read: at the current size, as of an earlier one, as of a small one; filtered).
    private static readonly string[] Pages =
    [
        Compose("", Page(CurrentRows, "")),
        Compose(ItemsFirst.Ctes, Page(CurrentRows, Filter)),
        Compose(AtCte, Page(RowsAsOf, "")),
        Compose(AtCte + ItemsFirst.Ctes, Page(RowsAsOf, Filter)),
        Compose(AtCte, Page(RowsAsOfFromEntries, "")),
        Compose(AtCte + ItemsFirst.Ctes, Page(RowsAsOfFromEntries, Filter)),
    ];

    private const string AtCte = ", at AS (SELECT LEAST($8, size) AS n FROM head)";

    /// <summary>
    /// A page of records (with one more than the page when there is one), optionally filtered, at <paramref name="asOf"/>;
    /// <paramref name="after"/> starts after a key (<c>""</c>: from the first) instead of at an offset, for reading every record page by page.
    /// </summary>
    public async Task<RecordPage> PageAsync(
        string register, EntryLog log, Page page, long? asOf, FieldFilter? filter, string after, CancellationToken cancellation)
    {
        var rowsRead = asOf is null ? 0 : asOf <= options.AsOfEntriesFirst ? 2 : 1;
        var sql = Pages[(rowsRead * 2) + (filter is null ? 0 : 1)];
        long? size = null;
        var rows = new List<RecordRow>();
        await using (var command = ReadSql.Command(database, sql,
            register, (short)log, page.Offset, page.Size + 1, filter?.Field ?? "", filter?.Value ?? "", Prefilter(filter), asOf ?? long.MaxValue, after,
            (long)options.FilterItemsFirst))
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                size = reader.GetInt64(0);
                if (!reader.IsDBNull(1))
                {
                    rows.Add(new RecordRow(reader.GetInt64(2), reader.GetString(1), ReadSql.Timestamp(reader, 3), ReadSql.Hashes(reader.GetFieldValue<byte[]>(4))));
                }
            }
        }

        return new RecordPage(size, size is { } s ? Math.Min(asOf ?? s, s) : 0, rows);
    }

    /// <summary>
    /// Canonical JSON writes a string value between quotes with only <c>"</c>, <c>\</c> and control characters
    /// escaped, so an item holding the value contains it quoted; for a value that needs escapes, no test.
    /// </summary>
    private static string Prefilter(FieldFilter? filter) =>
        filter is null || filter.Value.Any(c => c is '"' or '\\' || char.IsControl(c)) ? "" : $"\"{filter.Value}\"";

    private static string Page(string rows, string filter) =>
        PageSql.Replace("{rows}", rows, StringComparison.Ordinal).Replace("{filter}", filter, StringComparison.Ordinal);

    private static string Compose(string extraCte, string body) =>
        $"WITH {ReadSql.Head}{extraCte}\n{body}"
            .Replace("{schema}", StorageSchema.Name, StringComparison.Ordinal);
}
