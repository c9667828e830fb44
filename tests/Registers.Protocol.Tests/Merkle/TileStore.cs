using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// A log stored as tlog-tiles only: of the nodes a <see cref="CompactRange"/> reports, it keeps those at tree
/// levels 0, 8, 16, ... (the hashes tiles hold) and drops the rest. Proofs are answered by reading tiles.
/// </summary>
internal sealed class TileStore
{
    // Hashes at tree level 8·L, by tile level L, in index order (a range reports a level's nodes left to right).
    private readonly List<List<Digest>> _levels = [];
    private readonly Dictionary<ulong, Digest> _roots = [];

    /// <summary>Appends <paramref name="leafHashes"/>, noting the root at each of <paramref name="rootSizes"/>.</summary>
    public TileStore(ReadOnlySpan<Digest> leafHashes, IEnumerable<ulong> rootSizes)
    {
        var range = new CompactRange();
        var wanted = rootSizes.ToHashSet();
        _roots[0] = range.Root();
        foreach (var leafHash in leafHashes)
        {
            range.Append(leafHash, Keep);
            if (wanted.Contains(range.Size))
            {
                _roots[range.Size] = range.Root();
            }
        }
    }

    public Digest RootAt(ulong size) => _roots[size];

    /// <summary>The hashes of <paramref name="tile"/>, as served: exactly its width.</summary>
    public Digest[] Read(TileId tile)
    {
        var start = checked((int)tile.Index * TileId.FullWidth);
        return [.. _levels[tile.Level].GetRange(start, tile.Width)];
    }

    /// <summary>Serves a proof at <paramref name="treeSize"/> from tiles only, each one a tile that size is served as.</summary>
    public Digest[] Serve(ProofPlan plan, ulong treeSize)
    {
        var served = TileId.AllFor(treeSize).ToHashSet();
        var fetched = plan.Nodes.Select(node =>
        {
            var slice = TileSlice.ForNode(node, treeSize);
            Assert.Contains(slice.Tile, served);
            return slice.Hash(Read(slice.Tile));
        }).ToArray();
        return plan.Fold(fetched);
    }

    private void Keep(NodeId node, in Digest hash)
    {
        if (node.Level % TileId.Height != 0)
        {
            return;
        }

        var level = node.Level / TileId.Height;
        if (level == _levels.Count)
        {
            _levels.Add([]);
        }

        Assert.Equal((ulong)_levels[level].Count, node.Index);
        _levels[level].Add(hash);
    }
}
