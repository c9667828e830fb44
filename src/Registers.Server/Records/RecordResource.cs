using System.Globalization;
using Registers.Server.Hosting;
using Registers.Server.Items;

namespace Registers.Server.Records;

/// <summary>
/// A record as GOV.UK's server wrote it: its latest entry (numbers as strings, without the item hashes) and the
/// items inline under <c>item</c>. Collections of records are a JSON object keyed by the record's key.
/// </summary>
/// <param name="IndexEntryNumber">The entry number again, as a string.</param>
/// <param name="EntryNumber">The number of the record's entry, as a string.</param>
/// <param name="EntryTimestamp">When that entry was made.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Item">The items of the entry, each as its canonical JSON.</param>
public sealed record RecordResource(string IndexEntryNumber, string EntryNumber, string EntryTimestamp, string Key, IReadOnlyList<ItemJson> Item)
{
    private static readonly string[] EntryColumns = ["index-entry-number", "entry-number", "entry-timestamp", "key"];

    /// <summary>The resource for <paramref name="record"/>.</summary>
    public static RecordResource From(StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var number = record.Number.ToString(CultureInfo.InvariantCulture);
        return new RecordResource(number, number, record.Timestamp.ToString(), record.Key, record.Items);
    }

    /// <summary>Records as GOV.UK's JSON (an object keyed by record key, in the given order) or CSV, written as they are read.</summary>
    /// <param name="records">The records.</param>
    /// <param name="format">The representation.</param>
    /// <param name="fields">The CSV columns after the entry's: the register's fields in its order, or null to use every attribute seen.</param>
    public static IResult Respond(IAsyncEnumerable<StoredRecord> records, ReadFormat format, IReadOnlyList<string>? fields)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (format == ReadFormat.Json)
        {
            return new JsonObjectBody<RecordResource>(records.Select(record => KeyValuePair.Create(record.Key, From(record))));
        }

        return new CsvResult(async (csv, flush, cancellation) =>
        {
            // Without the register's fields (the system log's records) the columns are every attribute seen, so those
            // records are read before the header; the system log is the admin's and small.
            var rows = fields is null ? await records.ToListAsync(cancellation) : null;
            var columns = fields ?? [.. rows!.SelectMany(record => record.Items).SelectMany(item => item.Attributes()).Select(a => a.Name).Distinct().Order(StringComparer.Ordinal)];
            await WriteCsvAsync(csv, rows?.ToAsyncEnumerable() ?? records, columns, flush, cancellation);
        });
    }

    /// <summary>
    /// Writes the CSV header and then the records as they are read. The first records are read before the header is
    /// written: bytes written but not yet sent stay in the response even when a failure is answered with a problem
    /// instead, so a database that fails on the first read must find nothing written, to be answered with a clean 503.
    /// </summary>
    public static async Task WriteCsvAsync(
        CsvOutput csv, IAsyncEnumerable<StoredRecord> records, IReadOnlyList<string> columns, Func<ValueTask> flush, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(flush);
        await using var record = records.GetAsyncEnumerator(cancellation);
        var more = await record.MoveNextAsync();
        csv.WriteRow(CsvHeader(columns));
        for (; more; more = await record.MoveNextAsync())
        {
            WriteCsv(csv, record.Current, columns);
            await flush();
        }
    }

    /// <summary>Writes a record as CSV rows, one per item (GOV.UK's flattening): the entry's cells, then one cell per column.</summary>
    public static void WriteCsv(CsvOutput csv, StoredRecord record, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(columns);
        var number = record.Number.ToString(CultureInfo.InvariantCulture);
        foreach (var item in record.Items)
        {
            var values = item.Attributes().ToDictionary(a => a.Name, a => CsvOutput.Join(a.Values), StringComparer.Ordinal);
            csv.WriteRow([number, number, record.Timestamp.ToString(), record.Key, .. columns.Select(column => values.GetValueOrDefault(column))]);
        }
    }

    /// <summary>The CSV header of records with <paramref name="columns"/>.</summary>
    public static IEnumerable<string> CsvHeader(IReadOnlyList<string> columns) => [.. EntryColumns, .. columns];
}
