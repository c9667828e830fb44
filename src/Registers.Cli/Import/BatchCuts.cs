using Registers.Client.Writes;

namespace Registers.Cli.Import;

/// <summary>
/// Where an import's batches are cut, row by row: before a row that would make a batch more than so many rows, or a body
/// more than <see cref="CsvBatches.MaxBodyBytes"/>. Kept apart from the rows themselves, so counting the batches holds none.
/// </summary>
internal sealed class BatchCuts(int maxRows)
{
    private int _rows;
    private long _bytes = AppendBodySize.Envelope;

    /// <summary>Takes a row whose entry comes to <paramref name="bodyBytes"/>; true when it opens a batch (the first row does).</summary>
    public bool Opens(long bodyBytes)
    {
        var opens = _rows == 0 || _rows == maxRows || _bytes + 1 + bodyBytes > CsvBatches.MaxBodyBytes;
        if (opens)
        {
            (_rows, _bytes) = (0, AppendBodySize.Envelope);
        }

        _bytes += (_rows > 0 ? 1 : 0) + bodyBytes; // the comma before all but the first
        _rows++;
        return opens;
    }
}
