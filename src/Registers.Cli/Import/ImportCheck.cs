using Registers.Client.Writes;
using Registers.Protocol.Fields;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Import;

/// <summary>
/// An import's first reading of its rows, before anything is sent: every row checked (its cells against the fields, its key
/// on no earlier row, its entry small enough for one write), each problem written as it is found (in the order of the
/// lines), and the batches counted. No row is kept: the rows are read again to be sent.
/// </summary>
internal sealed class ImportCheck
{
    private readonly Action<string> _write;
    private long _lastLine = -1;

    private ImportCheck(Action<string> write) => _write = write;

    /// <summary>The problems found.</summary>
    public long Problems { get; private set; }

    /// <summary>The lines they were found in.</summary>
    public long ProblemLines { get; private set; }

    /// <summary>The rows to send, when there is no problem.</summary>
    public long Rows { get; private set; }

    /// <summary>The batches they are cut into.</summary>
    public long Batches { get; private set; }

    /// <summary>The largest body one of the rows makes alone, to be held against a limit the server publishes.</summary>
    public long LargestBodyBytes { get; private set; }

    /// <summary>
    /// Checks the rows of <paramref name="input"/>, writing each problem with <paramref name="write"/>; a row's entry against
    /// <paramref name="maxBodyBytes"/>, the server's published limit on a write's body (its default when null). Tells
    /// <paramref name="progress"/> the line and byte it has read to after each row, and stops between rows when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static ImportCheck Run(
        ImportInput input, RegisterSchema schema, ImportSettings settings, long? maxBodyBytes, Action<string> write, IProgress<RsfProgress> progress,
        CancellationToken cancellationToken)
    {
        var check = new ImportCheck(write);
        if (input.NotCsv is { } notCsv)
        {
            check.Add(notCsv);
            return check;
        }

        using var text = input.OpenText();
        var keys = new RepeatedKeys();
        IEnumerable<CsvEntry> Sendable()
        {
            foreach (var row in CsvRows.Read(text, schema, settings.Columns(), check.Add, cancellationToken))
            {
                if (keys.Earlier(row.Entry.Key, row.Line) is { } first)
                {
                    check.Add(new RowProblem(row.Line, schema.KeyField, $"key '{QuotedCell.Of(row.Entry.Key)}' is on line {first} too: a file holds one row a key"));
                }
                else if (CsvBatches.TooLarge(row, maxBodyBytes) is { } tooLarge)
                {
                    // A row no batch can carry is found before anything is sent, and listed in its place among the rows' problems.
                    check.Add(tooLarge);
                }
                else
                {
                    yield return row;
                }
            }
        }

        // Counted, not cut: a batch's rows are not held here, where nothing is sent.
        var cuts = new BatchCuts(settings.BatchSize);
        foreach (var row in Sendable())
        {
            check.Batches += cuts.Opens(row.BodyBytes) ? 1 : 0;
            check.Rows++;
            check.LargestBodyBytes = Math.Max(check.LargestBodyBytes, AppendBodySize.Envelope + row.BodyBytes);
            progress.Report(new RsfProgress(row.Line, text.BaseStream.Position));
        }

        return check;
    }

    private void Add(RowProblem problem)
    {
        _write(problem.ToString());
        Problems++;
        ProblemLines += problem.Line == _lastLine ? 0 : 1;
        _lastLine = problem.Line;
    }
}
