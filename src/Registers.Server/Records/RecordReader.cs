using Npgsql;
using Registers.Protocol.Entries;
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

/// <summary>Records read at tree size <see cref="At"/> of a log of <see cref="Size"/> entries (null: unknown register).</summary>
public sealed record RecordSlice(long? Size, long At, IReadOnlyList<StoredRecord> Records);

/// <summary>Records where a field holds a value (for a list, where one of its values is it).</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Value">The value, exactly.</param>
public sealed record FieldFilter(string Field, string Value);

/// <summary>
/// Reads records at any tree size, each read one statement. At the current size they come from the records
/// table; at an earlier size N, a key whose record is newer than N falls back to its latest entry up to N (found
/// through the key index), and a key first seen after N is left out. Pages are in key order.
/// </summary>
public sealed class RecordReader(NpgsqlDataSource database)
{
    private const string LookupSql = """
        SELECT head.size, r.number, r.timestamp, {items}
        FROM head LEFT JOIN LATERAL (
            SELECT number, timestamp, item_hashes FROM {schema}.entries
            WHERE register = $1 AND log = $2 AND key = $3 AND number <= LEAST($4, head.size) ORDER BY number DESC LIMIT 1) r ON true
        """;

    private const string CurrentRows = "SELECT key, number, item_hashes FROM {schema}.records WHERE register = $1 AND log = $2";

    private const string RowsAsOf = """
        SELECT key, number, item_hashes FROM {schema}.records WHERE register = $1 AND log = $2 AND number <= (SELECT n FROM at)
        UNION ALL
        SELECT r.key, x.number, x.item_hashes FROM {schema}.records r CROSS JOIN LATERAL (
            SELECT number, item_hashes FROM {schema}.entries e
            WHERE e.register = $1 AND e.log = $2 AND e.key = r.key AND e.number <= (SELECT n FROM at) ORDER BY e.number DESC LIMIT 1) x
        WHERE r.register = $1 AND r.log = $2 AND r.number > (SELECT n FROM at)
        """;

    // $5 field, $6 value, $7 a literal the item's JSON must contain (a cheap test before parsing it); $8 as-of, $9 the key to start after.
    private const string Filter = """
        AND EXISTS (
            SELECT 1 FROM generate_series(0, octet_length(q.item_hashes) / 32 - 1) AS k
            JOIN {schema}.items i ON i.register = $1 AND i.hash = substring(q.item_hashes FROM k * 32 + 1 FOR 32)
            WHERE strpos(i.content, $7) > 0 AND jsonb_exists(i.content::jsonb -> $5, $6))
        """;

    private const string PageSql = """
        SELECT head.size, p.key, p.number, e.timestamp, {items}
        FROM head LEFT JOIN LATERAL (
            SELECT q.key, q.number, q.item_hashes FROM ({rows}) q WHERE q.key > $9 {filter} ORDER BY q.key OFFSET $3 LIMIT $4) p ON true
        LEFT JOIN {schema}.entries e ON e.register = $1 AND e.log = $2 AND e.number = p.number
        ORDER BY p.key
        """;

    private static readonly string Lookup = Compose("", LookupSql, "r.item_hashes");

    // Indexed by (as of an earlier size, filtered).
    private static readonly string[] Pages =
    [
        Compose("", PageSql.Replace("{rows}", CurrentRows, StringComparison.Ordinal).Replace("{filter}", "", StringComparison.Ordinal), "p.item_hashes"),
        Compose("", PageSql.Replace("{rows}", CurrentRows, StringComparison.Ordinal).Replace("{filter}", Filter, StringComparison.Ordinal), "p.item_hashes"),
        Compose(AtCte, PageSql.Replace("{rows}", RowsAsOf, StringComparison.Ordinal).Replace("{filter}", "", StringComparison.Ordinal), "p.item_hashes"),
        Compose(AtCte, PageSql.Replace("{rows}", RowsAsOf, StringComparison.Ordinal).Replace("{filter}", Filter, StringComparison.Ordinal), "p.item_hashes"),
    ];

    private const string AtCte = ", at AS (SELECT LEAST($8, size) AS n FROM head)";

    /// <summary>The record of <paramref name="key"/> at tree size <paramref name="asOf"/> (the current size when null).</summary>
    public async Task<RecordSlice> LookupAsync(string register, EntryLog log, string key, long? asOf, CancellationToken cancellation)
    {
        await using var command = ReadSql.Command(database, Lookup, register, (short)log, key, asOf ?? long.MaxValue);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation))
        {
            return new RecordSlice(null, 0, []);
        }

        var size = reader.GetInt64(0);
        StoredRecord[] found = reader.IsDBNull(1) ? [] : [new StoredRecord(reader.GetInt64(1), key, ReadSql.Timestamp(reader, 2), Items(reader, 3))];
        return new RecordSlice(size, Math.Min(asOf ?? size, size), found);
    }

    /// <summary>
    /// A page of records (with one more than the page when there is one), optionally filtered, at <paramref name="asOf"/>;
    /// <paramref name="after"/> starts after a key (<c>""</c>: from the first) instead of at an offset, for reading every record page by page.
    /// </summary>
    public async Task<RecordSlice> PageAsync(
        string register, EntryLog log, Page page, long? asOf, FieldFilter? filter, string after, CancellationToken cancellation)
    {
        var sql = Pages[(asOf is null ? 0 : 2) + (filter is null ? 0 : 1)];
        await using var command = ReadSql.Command(database, sql,
            register, (short)log, page.Offset, page.Size + 1, filter?.Field ?? "", filter?.Value ?? "", Prefilter(filter), asOf ?? long.MaxValue, after);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        long? size = null;
        var records = new List<StoredRecord>();
        while (await reader.ReadAsync(cancellation))
        {
            size = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                records.Add(new StoredRecord(reader.GetInt64(2), reader.GetString(1), ReadSql.Timestamp(reader, 3), Items(reader, 4)));
            }
        }

        return new RecordSlice(size, size is { } s ? Math.Min(asOf ?? s, s) : 0, records);
    }

    private static ItemJson[] Items(NpgsqlDataReader reader, int ordinal) =>
        [.. reader.GetFieldValue<string[]>(ordinal).Select(content => new ItemJson(content))];

    /// <summary>
    /// Canonical JSON writes a string value between quotes with only <c>"</c>, <c>\</c> and control characters
    /// escaped, so an item holding the value contains it quoted; for a value that needs escapes, no test.
    /// </summary>
    private static string Prefilter(FieldFilter? filter) =>
        filter is null || filter.Value.Any(c => c is '"' or '\\' || char.IsControl(c)) ? "" : $"\"{filter.Value}\"";

    private static string Compose(string extraCte, string body, string hashes) =>
        $"WITH {ReadSql.Head}{extraCte}\n{body}"
            .Replace("{items}", ReadSql.ItemsOf(hashes), StringComparison.Ordinal)
            .Replace("{schema}", StorageSchema.Name, StringComparison.Ordinal);
}
