using System.Text;

namespace Registers.Cli.Import;

/// <summary>A CSV file that is not CSV: the line and what is wrong there.</summary>
internal sealed class CsvSyntaxException(long line, string detail) : FormatException($"line {line}: {detail}")
{
    public long Line => line;

    public string Detail => detail;
}

/// <summary>One record of a CSV file: the line it starts on and its cells.</summary>
/// <param name="Line">The line the record starts on.</param>
/// <param name="Cells">The cells; none when the record is <paramref name="Oversized"/>.</param>
/// <param name="Oversized">Whether its cells held more characters than the reader keeps, which it passed over.</param>
internal sealed record CsvRecord(long Line, IReadOnlyList<string> Cells, bool Oversized = false);

/// <summary>
/// Reads CSV as RFC 4180 writes it: cells separated by commas, a cell in double quotes may hold commas, line breaks and
/// doubled quotes; records end at CRLF or LF. Blank lines are skipped. A quote inside an unquoted cell, text after a
/// closing quote, or a file ending inside quotes is a <see cref="CsvSyntaxException"/> naming the line. A record whose cells
/// hold more than <paramref name="maxChars"/> characters other than <c>;</c> is read past without being kept, and given
/// as <see cref="CsvRecord.Oversized"/>: a file of one line without newlines is not held in memory.
/// </summary>
internal sealed class CsvReader(TextReader text, long maxChars = long.MaxValue)
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
        List<string>? cells = [];
        StringBuilder? cell = new();
        var cellStart = true; // nothing of the cell read yet
        var quoted = false;
        var wasQuoted = false;
        var counted = 0L; // characters of the cells, but for ';' (which may part the values of a list, and be dropped)
        void Keep(char kept)
        {
            if (kept != ';' && ++counted > maxChars)
            {
                (cells, cell) = (null, null);
            }

            cell?.Append(kept);
        }

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
                    Keep('"');
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    _line += c == '\n' ? 1 : 0;
                    Keep((char)c);
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    cells?.Add(cell!.ToString());
                    (cell, wasQuoted, cellStart) = (cells is null ? null : new StringBuilder(), false, true);
                    continue;
                case '"' when cellStart && !wasQuoted:
                    (quoted, wasQuoted) = (true, true);
                    continue;
                case '\r' when text.Peek() == '\n':
                    continue;
                case '\n' or -1:
                    _line += c == '\n' ? 1 : 0;
                    if (cells is null)
                    {
                        return new CsvRecord(start, [], Oversized: true);
                    }

                    cells.Add(cell!.ToString());
                    return new CsvRecord(start, cells);
                case '"':
                    throw new CsvSyntaxException(_line, "a quote inside a cell that does not start with one");
                default:
                    if (wasQuoted)
                    {
                        throw new CsvSyntaxException(_line, "text after the closing quote of a cell");
                    }

                    cellStart = false;
                    Keep((char)c);
                    continue;
            }
        }
    }
}
