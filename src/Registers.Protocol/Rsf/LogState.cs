using System.Runtime.InteropServices;
using System.Collections.Immutable;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

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

/// <summary>One log being replayed: its tree, chain hash and the latest item(s) of each key (for the repeat rule).</summary>
internal sealed class LogState
{
    private readonly CompactRange _tree;
    private readonly Dictionary<string, LatestItems> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LatestItems>.AlternateLookup<ReadOnlySpan<char>> _latestByKey;

    public LogState(LogHead head)
    {
        _tree = head.Size == 0 ? new CompactRange() : CompactRange.FromFrontier(head.Size, head.Frontier.AsSpan());
        ChainHash = head.ChainHash;
        _latestByKey = _latest.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ulong Size => _tree.Size;

    public Digest ChainHash { get; private set; }

    public Digest Root() => _tree.Root();

    public LogHead Head() => new(_tree.Size, [.. _tree.Frontier()], ChainHash);

    /// <summary>Appends the entry's leaf; returns whether it repeats the key's latest item(s).</summary>
    public bool Append(ReadOnlySpan<char> key, EntryTimestamp timestamp, ReadOnlySpan<Digest> itemHashes)
    {
        var leaf = EntryLeaf.Hash((long)_tree.Size + 1, timestamp, key, itemHashes);
        _tree.Append(leaf);
        ChainHash = Hashing.ChainHash.Next(ChainHash, leaf);

        ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(_latestByKey, key, out var seen);
        var repeat = seen && latest.IsRepeatedBy(itemHashes);
        latest = new LatestItems(itemHashes);
        return repeat;
    }

    // The item hashes of a key's latest entry: the one hash every v1 entry has inline, a copy only for lists.
    private readonly struct LatestItems
    {
        private readonly Digest _single;
        private readonly Digest[]? _many;

        public LatestItems(ReadOnlySpan<Digest> hashes)
        {
            if (hashes.Length == 1)
            {
                _single = hashes[0];
            }
            else
            {
                _many = hashes.ToArray();
            }
        }

        public bool IsRepeatedBy(ReadOnlySpan<Digest> appended) =>
            RepeatRule.IsNoOpRepeat(_many ?? new ReadOnlySpan<Digest>(in _single), appended);
    }
}
