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
internal sealed record CsvEntry(long Line, NewEntry Entry);

/// <summary>
/// Turns a CSV file into entries of a register: columns mapped to fields, each row canonicalised with
/// <see cref="CsvRowCanonicaliser"/> and checked with <see cref="ItemValidator"/>. Every row is checked and every problem
/// kept, so that all can be listed before anything is sent.
/// </summary>
internal static class CsvRows
{
    public static (List<CsvEntry> Entries, List<RowProblem> Problems) Read(TextReader text, RegisterSchema schema, IReadOnlyDictionary<string, string> map)
    {
        var entries = new List<CsvEntry>();
        var problems = new List<RowProblem>();
        using var records = new CsvReader(text).Records().GetEnumerator();
        try
        {
            if (!records.MoveNext())
            {
                problems.Add(new RowProblem(1, null, "the file is empty: a header row of field names is needed"));
                return (entries, problems);
            }

            var fields = records.Current.Cells.Select(column => map.GetValueOrDefault(column, column)).ToArray();
            var header = records.Current.Line;
            foreach (var (field, index) in fields.Select((field, index) => (field, index)))
            {
                if (!schema.TryGetField(field, out _))
                {
                    problems.Add(new RowProblem(header, field, $"column {index + 1} ('{QuotedCell.Of(records.Current.Cells[index])}') is not a field of '{schema.Register}'; name it with --map COLUMN=FIELD"));
                }
            }

            var keyColumn = Array.IndexOf(fields, schema.KeyField);
            if (keyColumn < 0)
            {
                problems.Add(new RowProblem(header, schema.KeyField, "no column holds the key field"));
            }

            if (fields.Distinct(StringComparer.Ordinal).Count() != fields.Length)
            {
                problems.Add(new RowProblem(header, null, "two columns are the same field"));
            }

            if (problems.Count > 0)
            {
                return (entries, problems);
            }

            // A file is a set of records: a key on two rows would have the later replace the earlier, which is never meant.
            var lineOfKey = new Dictionary<string, long>(StringComparer.Ordinal);
            while (records.MoveNext())
            {
                var record = records.Current;
                if (Row(record, fields, keyColumn, schema, problems) is not { } entry)
                {
                    continue;
                }

                if (lineOfKey.TryGetValue(entry.Key, out var first))
                {
                    problems.Add(new RowProblem(record.Line, schema.KeyField, $"key '{QuotedCell.Of(entry.Key)}' is on line {first} too: a file holds one row a key"));
                    continue;
                }

                lineOfKey[entry.Key] = record.Line;
                entries.Add(new CsvEntry(record.Line, entry));
            }
        }
        catch (CsvSyntaxException e)
        {
            problems.Add(new RowProblem(e.Line, null, e.Detail));
        }

        return (entries, problems);
    }

    private static NewEntry? Row(CsvRecord record, string[] fields, int keyColumn, RegisterSchema schema, List<RowProblem> problems)
    {
        if (record.Cells.Count != fields.Length)
        {
            problems.Add(new RowProblem(record.Line, null, $"{record.Cells.Count} cells, but the header has {fields.Length}"));
            return null;
        }

        var key = record.Cells[keyColumn];
        if (!EntryKey.IsValid(EntryLog.User, key, out var keyError))
        {
            problems.Add(new RowProblem(record.Line, schema.KeyField, $"'{QuotedCell.Of(key)}' is not a valid key: {keyError.Message}"));
            return null;
        }

        var row = fields.Select((field, index) => new KeyValuePair<string, string?>(field, record.Cells[index]));
        if (!CsvRowCanonicaliser.TryCanonicalise(row, schema, out var canonical, out var error))
        {
            problems.Add(new RowProblem(record.Line, error.Attribute, error.Message));
            return null;
        }

        var item = Item.Create(canonical);
        var errors = ItemValidator.Validate(schema, key, item);
        problems.AddRange(errors.Select(e => new RowProblem(record.Line, e.Field, (e with { Value = e.Value is null ? null : QuotedCell.Of(e.Value) }).Message)));
        return errors.Count == 0 ? new NewEntry(key, item) : null;
    }
}
