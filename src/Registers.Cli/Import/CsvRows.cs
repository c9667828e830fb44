using System.Globalization;
using Registers.Client.Writes;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Cli.Import;

/// <summary>A CSV row that cannot become an entry: its line, the field (when one is to blame) and why, quoting cells by <see cref="QuotedCell"/>.</summary>
internal sealed record RowProblem(long Line, string? Field, string Detail)
{
    /// <summary>The 1-based byte column of the fault, when one byte is to blame.</summary>
    public long? Column { get; init; }

    public override string ToString() =>
        $"line {Line}{(Column is { } column ? $", column {column}" : "")}{(Field is null ? "" : $", field '{QuotedCell.Of(Field)}'")}: {Detail}";
}

/// <summary>A CSV row become an entry, with the line its record starts on, by which a refusal names it.</summary>
internal sealed record CsvEntry(long Line, NewEntry Entry)
{
    /// <summary>The bytes the entry comes to in a write's JSON body, counted once: batches are cut and rows checked by it.</summary>
    public long BodyBytes { get; } = AppendBodySize.Of(Entry);
}

/// <summary>
/// Turns a CSV file into entries of a register, a row at a time: columns mapped to fields, each row canonicalised with
/// <see cref="CsvRowCanonicaliser"/> and checked with <see cref="ItemValidator"/>. Every row is checked and every problem
/// given, in the order of the lines, so that all can be listed before anything is sent.
/// </summary>
internal static class CsvRows
{
    /// <summary>
    /// The rows of <paramref name="text"/> that make entries, in order; each problem of the header and of the other rows
    /// given to <paramref name="problem"/> as it is found. A row whose cells hold more characters than a write may have
    /// bytes is a problem without being kept in memory: each character but <c>;</c> comes to a byte of JSON or more.
    /// <paramref name="cancellationToken"/> stops it between rows: the check of a large file takes a while, and Ctrl-C must not wait for it.
    /// </summary>
    public static IEnumerable<CsvEntry> Read(
        TextReader text, RegisterSchema schema, IReadOnlyDictionary<string, string> map, Action<RowProblem> problem, CancellationToken cancellationToken)
    {
        using var records = new CsvReader(text, CsvBatches.ServerMaxBodyBytes).Records().GetEnumerator();
        if (!Next(records, problem, out var broken))
        {
            if (!broken)
            {
                problem(new RowProblem(1, null, "the file is empty: a header row of field names is needed"));
            }

            yield break;
        }

        if (Header(records.Current, schema, map, problem) is not var (fields, keyColumn))
        {
            yield break;
        }

        while (Next(records, problem, out _))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = records.Current;
            if (record.Oversized)
            {
                problem(new RowProblem(record.Line, null, string.Create(CultureInfo.InvariantCulture,
                    $"its cells hold more than {CsvBatches.ServerMaxBodyBytes:N0} characters, so its entry comes to more bytes of JSON than {CsvBatches.ServerLimit}: no batch can carry it")));
            }
            else if (Row(record, fields, keyColumn, schema, problem) is { } entry)
            {
                yield return new CsvEntry(record.Line, entry);
            }
        }
    }

    /// <summary>The next record, or false at the end of the file or at a syntax error, which is a problem.</summary>
    private static bool Next(IEnumerator<CsvRecord> records, Action<RowProblem> problem, out bool broken)
    {
        broken = false;
        try
        {
            return records.MoveNext();
        }
        catch (CsvSyntaxException e)
        {
            problem(new RowProblem(e.Line, null, e.Detail));
            broken = true;
            return false;
        }
    }

    /// <summary>The field of each column and the column of the key, or null when the header has a problem.</summary>
    private static (string[] Fields, int KeyColumn)? Header(CsvRecord header, RegisterSchema schema, IReadOnlyDictionary<string, string> map, Action<RowProblem> problem)
    {
        if (header.Oversized)
        {
            problem(new RowProblem(header.Line, null, "the header row is too long to be one: a row of field names is needed"));
            return null;
        }

        // Spreadsheets save empty columns after the last one used: header cells empty at the end name no column, and the
        // cells under them are left out of every row (a value there is a problem of its row, see Row).
        var namedColumns = header.Cells.Count;
        while (namedColumns > 0 && header.Cells[namedColumns - 1].Length == 0)
        {
            namedColumns--;
        }

        var fields = header.Cells.Take(namedColumns).Select(column => map.GetValueOrDefault(column, column)).ToArray();
        var fine = true;
        foreach (var (field, index) in fields.Select((field, index) => (field, index)))
        {
            if (!schema.TryGetField(field, out _))
            {
                problem(new RowProblem(header.Line, field, $"column {index + 1} ('{QuotedCell.Of(header.Cells[index])}') is not a field of '{schema.Register}'; name it with --map COLUMN=FIELD"));
                fine = false;
            }
        }

        // A map from a column the file lacks is out of date or misspelt: left out, the file would go as if it had not been given.
        foreach (var (column, field) in map.Where(pair => !header.Cells.Contains(pair.Key, StringComparer.Ordinal)))
        {
            problem(new RowProblem(header.Line, null, $"--map {QuotedCell.Of(column)}={QuotedCell.Of(field)}: the header has no column '{QuotedCell.Of(column)}'"));
            fine = false;
        }

        var keyColumn = Array.IndexOf(fields, schema.KeyField);
        if (keyColumn < 0)
        {
            problem(new RowProblem(header.Line, schema.KeyField, "no column holds the key field"));
            fine = false;
        }

        // Columns that are no field were named above; among those that are, a field in two columns has no one value.
        var shared = fields.Select((field, index) => (Field: field, Index: index))
            .Where(column => schema.TryGetField(column.Field, out _))
            .GroupBy(column => column.Field, StringComparer.Ordinal)
            .Where(columns => columns.Count() > 1);
        foreach (var columns in shared)
        {
            var named = columns.Select(column => $"{column.Index + 1} ('{QuotedCell.Of(header.Cells[column.Index])}')").ToList();
            problem(new RowProblem(header.Line, columns.Key, $"columns {string.Join(", ", named[..^1])} and {named[^1]} are both field '{columns.Key}'; a field takes one column"));
            fine = false;
        }

        return fine ? (fields, keyColumn) : null;
    }

    private static NewEntry? Row(CsvRecord record, string[] fields, int keyColumn, RegisterSchema schema, Action<RowProblem> problem)
    {
        if (record.Cells.Count < fields.Length)
        {
            problem(new RowProblem(record.Line, null, $"{Counted.Of(record.Cells.Count, "cell")}, but the header has {fields.Length}"));
            return null;
        }

        // Cells past the named columns are left out when empty, as spreadsheets save them; a value there would be lost.
        var unnamed = false;
        for (var column = fields.Length; column < record.Cells.Count; column++)
        {
            if (record.Cells[column].Length > 0)
            {
                problem(new RowProblem(record.Line, null,
                    $"column {column + 1} ('{QuotedCell.Of(record.Cells[column])}') has no header: name the column in the header row, or leave its cells empty"));
                unnamed = true;
            }
        }

        if (unnamed)
        {
            return null;
        }

        var key = record.Cells[keyColumn];
        if (!EntryKey.IsValid(EntryLog.User, key, out var keyError))
        {
            problem(new RowProblem(record.Line, schema.KeyField, $"'{QuotedCell.Of(key)}' is not a valid key: {keyError.Message}"));
            return null;
        }

        var row = fields.Select((field, index) => new KeyValuePair<string, string?>(field, record.Cells[index]));
        if (!CsvRowCanonicaliser.TryCanonicalise(row, schema, out var canonical, out var error))
        {
            problem(new RowProblem(record.Line, error.Attribute, error.Message));
            return null;
        }

        var item = Item.Create(canonical);
        var errors = ItemValidator.Validate(schema, key, item);
        foreach (var e in errors)
        {
            problem(new RowProblem(record.Line, e.Field, (e with { Value = e.Value is null ? null : QuotedCell.Of(e.Value) }).Message));
        }

        return errors.Count == 0 ? new NewEntry(key, item) : null;
    }
}
