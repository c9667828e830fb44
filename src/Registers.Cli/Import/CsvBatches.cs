using System.Globalization;
using Registers.Cli.Writes;
using Registers.Client.Writes;
using Registers.Protocol.Hashing;

namespace Registers.Cli.Import;

/// <summary>
/// Cuts an import's rows into batches of at most so many rows, each also small enough a JSON body for the server's
/// default limit on a write (16 MiB): rows of a few kilobytes would otherwise make a body the server refuses. Bodies are
/// counted to the byte they are sent as (<see cref="AppendBodySize"/>). The cuts depend on the file alone, so a re-run of
/// the same file sends the same batches under the same keys.
/// </summary>
internal static class CsvBatches
{
    /// <summary>
    /// The largest JSON write body a server takes by default (its <c>MaxBodyBytes</c>, as its README documents): a server
    /// does not say its own until it refuses a body (413), so this is the one a command can count on before sending.
    /// </summary>
    public const long ServerMaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>The body a batch may come to, in bytes: half the server's default limit, so a batch is well within it.</summary>
    public const long MaxBodyBytes = ServerMaxBodyBytes / 2;

    /// <summary>The default limit, as problems name it.</summary>
    public static readonly string ServerLimit = string.Create(CultureInfo.InvariantCulture,
        $"the 16 MiB ({ServerMaxBodyBytes:N0} bytes) a register server takes in one write by default");

    /// <summary>The batches of <paramref name="rows"/>, in order, each keyed by the register, the file and the row it starts at; one batch held at a time.</summary>
    public static IEnumerable<CsvBatch> Cut(IEnumerable<CsvEntry> rows, int maxRows, string register, Digest file)
    {
        var cuts = new BatchCuts(maxRows);
        var batch = new List<CsvEntry>();
        var (start, index) = (0L, 0L);
        foreach (var row in rows)
        {
            if (cuts.Opens(row.BodyBytes) && batch.Count > 0)
            {
                yield return Batch(batch, start, register, file);
                (batch, start) = ([], index);
            }

            batch.Add(row);
            index++;
        }

        if (batch.Count > 0)
        {
            yield return Batch(batch, start, register, file);
        }
    }

    /// <summary>
    /// The problem of a row whose entry alone makes a body larger than the server takes (<paramref name="published"/>, the
    /// limit it publishes, else <see cref="ServerMaxBodyBytes"/>), or null: no batch can carry it, and sent it would stop the
    /// import at the server's 413, after the batches before it were written.
    /// </summary>
    public static RowProblem? TooLarge(CsvEntry row, long? published) =>
        AppendBodySize.Envelope + row.BodyBytes > (published ?? ServerMaxBodyBytes)
            ? TooLargeFor(row, published is { } limit ? ServerBodyLimit.Describe(limit) : ServerLimit)
            : null;

    /// <summary>The problem of a row whose entry alone is more than <paramref name="limit"/> (the server's, as a refusal ends).</summary>
    public static RowProblem TooLargeFor(CsvEntry row, string limit) => new(row.Line, null, string.Create(CultureInfo.InvariantCulture,
        $"its entry comes to {AppendBodySize.Envelope + row.BodyBytes:N0} bytes of JSON, more than {limit}: no batch can carry it"));

    /// <summary>
    /// <paramref name="sent"/> (a batch cut from <paramref name="whole"/>) without the rows at <paramref name="positions"/>,
    /// under a key naming every row of <paramref name="whole"/> left out: a run that leaves out other rows must not send
    /// another body under the same key, which the server refuses once one was committed.
    /// </summary>
    public static CsvBatch Without(CsvBatch whole, CsvBatch sent, IReadOnlySet<int> positions, string register, Digest file)
    {
        List<CsvEntry> rest = [.. sent.Rows.Where((_, i) => !positions.Contains(i))];
        var leftOut = whole.Rows.Except(rest).Select(row => row.Line);
        return new CsvBatch(rest, BatchKeys.Of("csv", register, file, [.. leftOut.Prepend(whole.Rows[0].Line)], rest.Count));
    }

    /// <summary>
    /// The first and second halves of <paramref name="sent"/> (a batch cut from <paramref name="whole"/>), for a server that
    /// will not take it in one write: each is <paramref name="whole"/> without the other rows, so a run again splits it the
    /// same way and sends each half under the key it had.
    /// </summary>
    public static (CsvBatch First, CsvBatch Second) Halves(CsvBatch whole, CsvBatch sent, string register, Digest file)
    {
        var half = sent.Rows.Count / 2;
        return (Without(whole, sent, Positions(half, sent.Rows.Count), register, file), Without(whole, sent, Positions(0, half), register, file));
    }

    private static HashSet<int> Positions(int from, int to) => [.. Enumerable.Range(from, to - from)];

    private static CsvBatch Batch(List<CsvEntry> rows, long start, string register, Digest file) =>
        new(rows, BatchKeys.Of("csv", register, file, [start], rows.Count));
}
