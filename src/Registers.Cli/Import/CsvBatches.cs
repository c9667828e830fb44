using System.Text;
using Registers.Cli.Writes;
using Registers.Protocol.Hashing;

namespace Registers.Cli.Import;

/// <summary>
/// Cuts an import's rows into batches of at most so many rows, each also small enough a JSON body for the server's
/// default limit on a write (16 MiB): rows of a few kilobytes would otherwise make a body the server breaks off.
/// The cuts depend on the file alone, so a re-run of the same file sends the same batches under the same keys.
/// </summary>
internal static class CsvBatches
{
    /// <summary>
    /// The largest JSON write body a server takes by default (its <c>MaxBodyBytes</c>, as its README documents): a server
    /// does not say its own, so this is the one a command can count on.
    /// </summary>
    public const long ServerMaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>The body a batch may come to, in bytes: half the server's default limit, so a batch is well within it.</summary>
    public const long MaxBodyBytes = ServerMaxBodyBytes / 2;

    /// <summary>What the JSON body spends on an entry besides its items and key (the braces, names and a timestamp).</summary>
    private const int EntryOverhead = 96;

    /// <summary>The batches of <paramref name="rows"/>, in order, each keyed by the register, the file and the row it starts at.</summary>
    public static List<CsvBatch> Cut(IReadOnlyList<CsvEntry> rows, int maxRows, string register, Digest file)
    {
        var batches = new List<CsvBatch>();
        var (start, bytes) = (0, 0L);
        for (var i = 0; i < rows.Count; i++)
        {
            var size = BodyBytes(rows[i]);
            if (i > start && (i - start == maxRows || bytes + size > MaxBodyBytes))
            {
                batches.Add(Batch(rows, start, i, register, file));
                (start, bytes) = (i, 0);
            }

            bytes += size;
        }

        if (rows.Count > start)
        {
            batches.Add(Batch(rows, start, rows.Count, register, file));
        }

        return batches;
    }

    /// <summary>
    /// A problem of each row whose entry alone makes a body larger than <see cref="ServerMaxBodyBytes"/>: no batch can carry
    /// it, and sent it would stop the import at the server's bare 413, after the batches before it were written.
    /// </summary>
    public static IEnumerable<RowProblem> TooLarge(IEnumerable<CsvEntry> rows) =>
        from row in rows
        let bytes = BodyBytes(row)
        where bytes > ServerMaxBodyBytes
        select new RowProblem(row.Line, null,
            $"its entry comes to {bytes:N0} bytes of JSON, more than the 16 MiB ({ServerMaxBodyBytes:N0} bytes) a register server takes in one write by default: no batch can carry it");

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

    private static long BodyBytes(CsvEntry row) =>
        EntryOverhead + Encoding.UTF8.GetByteCount(row.Entry.Key) + row.Entry.Items.Sum(item => (long)item.Bytes.Length);

    private static CsvBatch Batch(IReadOnlyList<CsvEntry> rows, int start, int end, string register, Digest file) =>
        new([.. rows.Skip(start).Take(end - start)], BatchKeys.Of("csv", register, file, [start], end - start));
}
