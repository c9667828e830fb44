using Registers.Client.Writes;

namespace Registers.Cli.Import;

/// <summary>One batch of an import: its rows, in order, and the idempotency key it is sent under.</summary>
/// <param name="Rows">The rows, each with the line of the file it came from (the server numbers entries within the batch).</param>
/// <param name="Key">The batch's idempotency key.</param>
internal sealed record CsvBatch(IReadOnlyList<CsvEntry> Rows, string Key)
{
    /// <summary>The entries to send.</summary>
    public IReadOnlyList<NewEntry> Entries => [.. Rows.Select(row => row.Entry)];

    /// <summary>The bytes of the batch's JSON body: its entries, a comma between each two, and the object around them.</summary>
    public long BodyBytes => AppendBodySize.Envelope + Math.Max(Rows.Count - 1, 0) + Rows.Sum(row => row.BodyBytes);

    /// <summary>The file line of an entry of the batch (0-based, as the server numbers a JSON write's entries), or null when out of range.</summary>
    public long? FileLine(int entry) => entry >= 0 && entry < Rows.Count ? Rows[entry].Line : null;
}
