using System.Runtime.CompilerServices;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Server.Registers;

/// <summary>
/// What a batch of entries derives: each entry's leaf hash and chain hash, the log's new tree, and
/// (when asked for) the hashes the batch adds to each stored tile. One pass, shared by the register
/// head and the projection, so the two can never disagree about a hash.
/// </summary>
public sealed class BatchHashes
{
    // The decider, the head's snapshot and the projection all derive the same batch in one write; the event instance is
    // the same object in all three, so it is hashed once. A batch read back from storage is a new instance and is derived anew.
    private static readonly ConditionalWeakTable<EntriesAppended, BatchHashes> Derived = [];

    private BatchHashes(Digest[] leaves, Digest[] chains, CompactRange tree, IReadOnlyList<TileAppend> tiles)
    {
        Leaves = leaves;
        Chains = chains;
        Tree = tree;
        Tiles = tiles;
    }

    /// <summary>Leaf hashes, in entry order.</summary>
    public Digest[] Leaves { get; }

    /// <summary>Chain hashes, in entry order.</summary>
    public Digest[] Chains { get; }

    /// <summary>The log's tree after the batch.</summary>
    public CompactRange Tree { get; }

    /// <summary>Hashes to append to stored tiles, when computed with <c>withTiles</c>.</summary>
    public IReadOnlyList<TileAppend> Tiles { get; }

    /// <summary>The chain hash after the batch.</summary>
    public Digest ChainAfter => Chains.Length == 0 ? throw new InvalidOperationException("An empty batch has no chain.") : Chains[^1];

    /// <summary>The hashes of <paramref name="batch"/> with its tiles, derived once per event instance.</summary>
    public static BatchHashes Of(EntriesAppended batch) => Derived.GetValue(batch, static batch => Compute(batch, withTiles: true));

    /// <summary>Derives the hashes of <paramref name="batch"/> from the batch alone.</summary>
    /// <param name="batch">The appended batch.</param>
    /// <param name="withTiles">Also collect the hashes that go into tiles (the projection wants them, the head does not).</param>
    public static BatchHashes Compute(EntriesAppended batch, bool withTiles)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tree = CompactRange.FromFrontier((ulong)(batch.FirstNumber - 1), [.. batch.FrontierBefore]);
        var leaves = new Digest[batch.Entries.Count];
        var chains = new Digest[batch.Entries.Count];
        var tiles = withTiles ? new TileAppendCollector() : null;
        NodeCompleted? onNode = tiles is null ? null : (NodeId node, in Digest hash) => tiles.Add(node, hash);

        var chain = batch.ChainBefore;
        for (var i = 0; i < leaves.Length; i++)
        {
            var entry = batch.Entries[i];
            var leaf = EntryLeaf.Hash(batch.FirstNumber + i, entry.Timestamp, entry.Key, [.. entry.ItemHashes]);
            chain = ChainHash.Next(chain, leaf);
            leaves[i] = leaf;
            chains[i] = chain;
            tree.Append(leaf, onNode);
        }

        return new BatchHashes(leaves, chains, tree, tiles?.ToList() ?? []);
    }
}
