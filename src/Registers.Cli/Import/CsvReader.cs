using System.Text;

namespace Registers.Cli.Import;

/// <summary>A CSV file that is not CSV: the line and what is wrong there.</summary>
internal sealed class CsvSyntaxException(long line, string detail) : FormatException($"line {line}: {detail}")
{
    public long Line => line;

    public string Detail => detail;
}

/// <summary>One record of a CSV file: the line it starts on and its cells.</summary>
internal sealed record CsvRecord(long Line, IReadOnlyList<string> Cells);

/// <summary>
/// Reads CSV as RFC 4180 writes it: cells separated by commas, a cell in double quotes may hold commas, line breaks and
/// doubled quotes; records end at CRLF or LF. Blank lines are skipped. A quote inside an unquoted cell, text after a
/// closing quote, or a file ending inside quotes is a <see cref="CsvSyntaxException"/> naming the line.
/// </summary>
internal sealed class CsvReader(TextReader text)
{
    private long _line = 1;

    /// <summary>The records in order.</summary>
    public IEnumerable<CsvRecord> Records()
    {
        while (Read() is { } record)
        {
            if (record.Cells is not [""])
            {
                yield return record;
            }
        }
    }

    private CsvRecord? Read()
    {
        if (text.Peek() < 0)
        {
            return null;
        }

        var start = _line;
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            var c = text.Read();
            if (quoted)
            {
                if (c < 0)
                {
                    throw new CsvSyntaxException(start, "a quoted cell is not closed before the end of the file");
                }

                if (c == '"' && text.Peek() == '"')
                {
                    text.Read();
                    cell.Append('"');
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    _line += c == '\n' ? 1 : 0;
                    cell.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    cells.Add(cell.ToString());
                    (cell, wasQuoted) = (new StringBuilder(), false);
                    continue;
                case '"' when cell.Length == 0 && !wasQuoted:
                    (quoted, wasQuoted) = (true, true);
                    continue;
                case '\r' when text.Peek() == '\n':
                    continue;
                case '\n' or -1:
                    _line += c == '\n' ? 1 : 0;
                    cells.Add(cell.ToString());
                    return new CsvRecord(start, cells);
                case '"':
                    throw new CsvSyntaxException(_line, "a quote inside a cell that does not start with one");
                default:
                    if (wasQuoted)
                    {
                        throw new CsvSyntaxException(_line, "text after the closing quote of a cell");
                    }

                    cell.Append((char)c);
                    continue;
            }
        }
    }
}
