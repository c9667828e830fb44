namespace Registers.Cli.Load;

/// <summary>
/// One batch of a load: a self-contained RSF chunk (each entry preceded by the <c>add-item</c> of every item it cites
/// that the chunk does not already hold, and any <c>assert-root-hash</c> lines where the file has them).
/// </summary>
/// <param name="Body">The RSF bytes to send.</param>
/// <param name="StartUser">The user log's size before the batch: its <c>If-Match</c>.</param>
/// <param name="StartSystem">The system log's size before the batch.</param>
/// <param name="UserEntries">User entries in the batch.</param>
/// <param name="SystemEntries">System entries in the batch.</param>
/// <param name="FileLines">For each line of the batch, the line of the file it came from (the server numbers lines within the batch).</param>
internal sealed record RsfBatch(byte[] Body, long StartUser, long StartSystem, int UserEntries, int SystemEntries, IReadOnlyList<long> FileLines)
{
    /// <summary>All entries in the batch.</summary>
    public int Entries => UserEntries + SystemEntries;

    /// <summary>The file line of a line of the batch (1-based), or null when out of range.</summary>
    public long? FileLine(long batchLine) => batchLine >= 1 && batchLine <= FileLines.Count ? FileLines[(int)batchLine - 1] : null;
}

/// <summary>Where a register's logs stand, as the server says: sizes and roots.</summary>
/// <param name="UserSize">User entries.</param>
/// <param name="UserRoot">The user log's root, <c>sha-256:hex</c>.</param>
/// <param name="SystemSize">System entries.</param>
/// <param name="SystemRoot">The system log's root.</param>
internal sealed record LogPosition(long UserSize, string UserRoot, long SystemSize, string SystemRoot);
