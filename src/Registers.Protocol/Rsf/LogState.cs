using System.Collections.Immutable;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Protocol.Rsf.Checks;

namespace Registers.Protocol.Rsf;

/// <summary>
/// Where a log stands: its size, the frontier of its Merkle tree (see <see cref="CompactRange.Frontier"/>) and the
/// chain hash of its last entry. Enough to go on appending to a stored log without its entries.
/// </summary>
/// <param name="Size">The number of entries.</param>
/// <param name="Frontier">The tree's frontier hashes, left to right, one per one bit of <paramref name="Size"/>.</param>
/// <param name="ChainHash">The chain hash of the last entry (<see cref="Hashing.ChainHash.Genesis"/> when empty).</param>
public readonly record struct LogHead(ulong Size, ImmutableArray<Digest> Frontier, Digest ChainHash)
{
    /// <summary>An empty log.</summary>
    public static LogHead Empty => new(0, [], Hashing.ChainHash.Genesis);
}

/// <summary>One log being replayed: its tree, chain hash and the repeat rule over its keys.</summary>
internal sealed class LogState : IDisposable
{
    private readonly CompactRange _tree;
    private readonly KeyLedger _keys;

    public LogState(LogHead head, KeyLedger keys)
    {
        _tree = head.Size == 0 ? new CompactRange() : CompactRange.FromFrontier(head.Size, head.Frontier.AsSpan());
        ChainHash = head.ChainHash;
        _keys = keys;
    }

    public ulong Size => _tree.Size;

    /// <summary>The number the next entry gets.</summary>
    public long NextNumber => (long)_tree.Size + 1;

    public Digest ChainHash { get; private set; }

    public Digest Root() => _tree.Root();

    public LogHead Head() => new(_tree.Size, [.. _tree.Frontier()], ChainHash);

    /// <summary>Appends the entry whose leaf hash is <paramref name="leaf"/>; returns the repeated-entry warning it raises now, if any.</summary>
    public RsfProblem? Append(in Digest leaf, ReadOnlySpan<char> key, ReadOnlySpan<Digest> itemHashes, long line)
    {
        _tree.Append(leaf);
        ChainHash = Hashing.ChainHash.Next(ChainHash, leaf);
        return _keys.Append(key, itemHashes, line);
    }

    /// <summary>See <see cref="KeyLedger.Finish"/>.</summary>
    public void Finish(ILateProblems late) => _keys.Finish(late);

    public void Dispose() => _keys.Dispose();
}
