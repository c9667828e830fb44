using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Server.Registers;

/// <summary>The head of one log of a register: everything needed to extend it and to vouch for it.</summary>
/// <param name="Size">The number of entries.</param>
/// <param name="Root">The RFC 6962 root of the entries' leaf hashes.</param>
/// <param name="Chain">The chain hash of the last entry (genesis when empty).</param>
/// <param name="Frontier">The hashes of the perfect subtrees that make up the tree, left to right.</param>
/// <param name="Records">How many distinct keys the log has.</param>
/// <param name="LastTimestamp">The timestamp of the last entry, if any.</param>
public sealed record LogHead(long Size, Digest Root, Digest Chain, IReadOnlyList<Digest> Frontier, long Records, EntryTimestamp? LastTimestamp)
{
    /// <summary>An empty log.</summary>
    public static LogHead Empty { get; } = new(0, MerkleHash.EmptyRoot, ChainHash.Genesis, [], 0, null);

    /// <summary>The head after <paramref name="batch"/>, whose hashes are <paramref name="hashes"/>.</summary>
    /// <exception cref="InvalidOperationException">The batch does not extend this head: the stored log is inconsistent.</exception>
    public LogHead Extend(EntriesAppended batch, BatchHashes hashes)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(hashes);
        if (batch.FirstNumber != Size + 1 || batch.ChainBefore != Chain)
        {
            throw new InvalidOperationException(
                $"A batch starting at entry {batch.FirstNumber} does not extend a {batch.Log} log of {Size} entries with chain {Chain}.");
        }

        return new LogHead(
            Size + batch.Entries.Count,
            hashes.Tree.Root(),
            hashes.ChainAfter,
            hashes.Tree.Frontier(),
            Records + batch.NewKeys,
            batch.Entries[^1].Timestamp);
    }
}
