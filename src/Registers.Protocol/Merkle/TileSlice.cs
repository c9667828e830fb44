using Registers.Protocol.Hashing;

namespace Registers.Protocol.Merkle;

/// <summary>
/// Where a node's hash is in the tiles: the node is the root of the perfect subtree over
/// <see cref="Count"/> consecutive hashes of <see cref="Tile"/>, from <see cref="First"/>. A node at a tree
/// level that is a multiple of 8 is stored as it is (<c>Count == 1</c>); one between is folded from the
/// hashes below it in the same tile, as a tile is a whole subtree of height 8.
/// </summary>
public readonly record struct TileSlice
{
    private TileSlice(TileId tile, int first, int count)
    {
        Tile = tile;
        First = first;
        Count = count;
    }

    /// <summary>The tile to read, with the width it has at the tree size asked about.</summary>
    public TileId Tile { get; }

    /// <summary>Position in the tile of the first hash under the node (the node's own position when <see cref="Count"/> is 1).</summary>
    public int First { get; }

    /// <summary>How many of the tile's hashes are under the node: 2^(level mod 8).</summary>
    public int Count { get; }

    /// <summary>Locates <paramref name="node"/> in the tiles of a tree of <paramref name="treeSize"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The node is not complete in a tree of that size.</exception>
    public static TileSlice ForNode(NodeId node, ulong treeSize)
    {
        if (!node.IsCompleteIn(treeSize))
        {
            throw new ArgumentOutOfRangeException(
                nameof(node), $"Node {node} is not complete in a tree of size {treeSize}.");
        }

        var subLevel = node.Level % TileId.Height;

        // Index among the hashes at the tile's level; it fits because the node's first leaf does.
        var firstHash = node.Index << subLevel;
        var tile = TileId.At(node.Level / TileId.Height, firstHash / TileId.FullWidth, treeSize);
        return new TileSlice(tile, (int)(firstHash % TileId.FullWidth), 1 << subLevel);
    }

    /// <summary>The node's hash, from the hashes of <see cref="Tile"/>.</summary>
    /// <param name="tileHashes">
    /// The tile's hashes in order: at least <see cref="TileId.Width"/> of them (the full tile of the same index
    /// will do, as a partial tile is a prefix of it).
    /// </param>
    /// <exception cref="ArgumentException">Fewer hashes than the tile's width.</exception>
    public Digest Hash(ReadOnlySpan<Digest> tileHashes)
    {
        if (tileHashes.Length < Tile.Width)
        {
            throw new ArgumentException(
                $"Tile {Tile} has {Tile.Width} hashes, but {tileHashes.Length} were given.", nameof(tileHashes));
        }

        return PerfectRoot(tileHashes.Slice(First, Count));
    }

    /// <summary>MTH of a power-of-two run of hashes: both halves are perfect, so split in the middle.</summary>
    private static Digest PerfectRoot(ReadOnlySpan<Digest> hashes)
    {
        if (hashes.Length == 1)
        {
            return hashes[0];
        }

        var half = hashes.Length / 2;
        return MerkleHash.Node(PerfectRoot(hashes[..half]), PerfectRoot(hashes[half..]));
    }
}
