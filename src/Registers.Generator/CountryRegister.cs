using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;

namespace Registers.Generator;

/// <summary>
/// ISO 3166-1 alpha-2 country codes, written from <c>registers-data/country/country.csv</c> (built into this
/// assembly): each row of the file is one user entry, in the file's order, so a code that was withdrawn,
/// renamed or given to another country has one entry for each state it went through. The size is fixed.
/// </summary>
public static class CountryRegister
{
    /// <summary>The register's name.</summary>
    public const string Name = "country";

    /// <summary>The columns of the source file, which are the register's fields.</summary>
    private static readonly string[] Columns = [Name, "name", "official-name", "start-date", "end-date"];

    /// <summary>The system entries.</summary>
    public static RegisterMetadata Metadata { get; } = new(Name, "Country", "ISO 3166-1 alpha-2 codes of countries and territories, including codes that are no longer used.",
    [
        new FieldDefinition(Name, Datatype.String, Cardinality.One, Name, "The ISO 3166-1 alpha-2 code."),
        new FieldDefinition("name", Datatype.String, Cardinality.One, Text: "The English short name ISO 3166 gives."),
        new FieldDefinition("official-name", Datatype.String, Cardinality.One, Text: "The official name, where ISO 3166 gives one."),
        new FieldDefinition("start-date", Datatype.Datetime, Cardinality.One, Text: "When the code was assigned to this country, where it replaced a withdrawn code."),
        new FieldDefinition("end-date", Datatype.Datetime, Cardinality.One, Text: "When the code was withdrawn from ISO 3166-1 for this country."),
    ]);

    /// <summary>Writes the register to <paramref name="stream"/>, entries one second apart from <see cref="History.Epoch"/>.</summary>
    public static void Write(Stream stream)
    {
        using var file = new RegisterFile(stream, Metadata, History.Epoch);
        var second = 0;
        foreach (var row in Rows())
        {
            file.Append(row[0], EntryTimestamp.FromUnixSeconds(History.Epoch.UnixSeconds + ++second), RegisterFile.Of([.. Columns.Zip(row, (column, cell) => (column, (object?)cell))]));
        }

        file.Finish();
    }

    /// <summary>The rows of the source file, without its header.</summary>
    /// <exception cref="FormatException">The file does not have the expected columns.</exception>
    internal static IEnumerable<string[]> Rows()
    {
        using var stream = typeof(CountryRegister).Assembly.GetManifestResourceStream("country.csv")
            ?? throw new InvalidOperationException("country.csv is not built into the generator.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = Csv.Split(reader.ReadLine() ?? "");
        if (!header.SequenceEqual(Columns))
        {
            throw new FormatException($"country.csv has columns {string.Join(',', header)}; expected {string.Join(',', Columns)}.");
        }

        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var row = Csv.Split(text);
            yield return row.Length == Columns.Length ? row : throw new FormatException($"country.csv line {line} has {row.Length} cells, not {Columns.Length}.");
        }
    }
}

/// <summary>Just enough CSV (RFC 4180) for the source files here: one record a line, cells quoted when they hold commas or quotes.</summary>
internal static class Csv
{
    /// <summary>The cells of one line.</summary>
    public static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
