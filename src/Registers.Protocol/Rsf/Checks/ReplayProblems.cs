using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Rsf.Checks;

/// <summary>The problems of the item and repeat rules, made in one place so that checks in memory and on disk word them alike.</summary>
internal static class ReplayProblems
{
    public static RsfProblem OrphanEntry(long line, in Digest hash) =>
        new(line, RsfProblemKind.OrphanEntry, $"append-entry cites item {hash}, which no add-item before it added", ItemHash: hash);

    public static RsfProblem OrphanItem(long line, in Digest hash) =>
        new(line, RsfProblemKind.OrphanItem, $"item {hash} is cited by no append-entry", ItemHash: hash);

    public static RsfProblem DuplicateItem(long line, in Digest hash, long firstLine) =>
        new(line, RsfProblemKind.DuplicateItem, $"item {hash} was already added on line {firstLine}", ItemHash: hash);

    public static RsfProblem RepeatedEntry(long line, EntryLog log, ReadOnlySpan<char> key, in Digest firstItemHash) =>
        new(line, RsfProblemKind.RepeatedEntry,
            $"{log.ToWireName()} entry for key '{key}' gives it the item it already has (a no-op)", ItemHash: firstItemHash);
}
