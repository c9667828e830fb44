using Registers.Protocol.Entries;

namespace Registers.Server.Writes;

/// <summary>What a committed write answers: where each log now stands and the checkpoints that vouch for it.</summary>
/// <param name="Register">The register written.</param>
/// <param name="User">The user log after the write.</param>
/// <param name="System">The system log after the write.</param>
/// <param name="Warnings">Register rules broken but let through.</param>
public sealed record WriteReceipt(string Register, LogReceipt User, LogReceipt System, IReadOnlyList<EntryProblem> Warnings)
{
    /// <summary>The receipt for <paramref name="committed"/>.</summary>
    public static WriteReceipt From(WriteOutcome.Committed committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        LogReceipt Log(EntryLog log)
        {
            var head = committed.Head.Log(log);
            var appended = committed.Appended.TryGetValue(log, out var range) ? range : (EntryRange?)null;
            return new LogReceipt(head.Size, head.Root.ToString(), appended?.First, appended?.Last, committed.Checkpoints.GetValueOrDefault(log));
        }

        return new WriteReceipt(committed.Head.Id, Log(EntryLog.User), Log(EntryLog.System), committed.Warnings);
    }
}

/// <summary>One log after a write.</summary>
/// <param name="Size">Entries in the log.</param>
/// <param name="Root">The log's Merkle root.</param>
/// <param name="FirstEntry">The number of the first entry this write appended, if it appended any.</param>
/// <param name="LastEntry">The number of the last entry this write appended, if it appended any.</param>
/// <param name="Checkpoint">The signed checkpoint for the new size, if the log grew.</param>
public sealed record LogReceipt(long Size, string Root, long? FirstEntry, long? LastEntry, string? Checkpoint);
