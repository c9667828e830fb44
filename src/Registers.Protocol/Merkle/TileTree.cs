using Registers.Protocol.Hashing;

namespace Registers.Protocol.Merkle;

/// <summary>
/// Every complete node of one tile's subtree, hashed once. A tile stores only the bottom of its 8 levels, and a proof
/// needs nodes from all of them: folding a node from the tile costs up to 127 hashes, so a tile read for many proofs
/// is worth folding whole, once (254 hashes for a full tile), after which any node is a lookup.
/// </summary>
public sealed class TileTree
{
    // _levels[s][i]: the node at sub-level s over hashes i * 2^s .. (i + 1) * 2^s - 1 of the tile; complete nodes only.
    private readonly Digest[][] _levels;

    private TileTree(Digest[][] levels) => _levels = levels;

    /// <summary>How many hashes the tile had when read: a partial tile's later hashes are not here, its earlier ones never change.</summary>
    public int Width => _levels[0].Length;

    /// <summary>The digests the tree holds, counted over all its levels (a full tile: 510).</summary>
    public int NodeCount => _levels.Sum(level => level.Length);

    /// <summary>Folds a tile's stored hashes (32 bytes each, at most <see cref="TileId.FullWidth"/>) into all its complete nodes.</summary>
    /// <exception cref="ArgumentException">The bytes are not a whole number of hashes, or too many.</exception>
    public static TileTree Build(ReadOnlySpan<byte> hashes)
    {
        if (hashes.Length % Digest.Length != 0 || hashes.Length > TileId.FullWidth * Digest.Length)
        {
            throw new ArgumentException($"A tile holds up to {TileId.FullWidth} hashes of {Digest.Length} bytes, not {hashes.Length} bytes.", nameof(hashes));
        }

        var bottom = new Digest[hashes.Length / Digest.Length];
        for (var i = 0; i < bottom.Length; i++)
        {
            bottom[i] = Digest.FromBytes(hashes.Slice(i * Digest.Length, Digest.Length));
        }

        // Sub-levels 0 to 7: the node over a whole tile is stored in the tile above, which is where proofs read it.
        var levels = new List<Digest[]> { bottom };
        for (var below = bottom; below.Length > 1 && levels.Count < TileId.Height;)
        {
            var level = new Digest[below.Length / 2];
            for (var i = 0; i < level.Length; i++)
            {
                level[i] = MerkleHash.Node(below[2 * i], below[(2 * i) + 1]);
            }

            levels.Add(level);
            below = level;
        }

        return new TileTree([.. levels]);
    }

    /// <summary>Whether the tree holds every hash <paramref name="slice"/> covers.</summary>
    public bool Covers(TileSlice slice) => Width >= slice.Tile.Width && slice.First + slice.Count <= Width;

    /// <summary>The hash of the node <paramref name="slice"/> names.</summary>
    /// <exception cref="ArgumentException">The tree was read with fewer hashes than the slice's tile has.</exception>
    public Digest Hash(TileSlice slice)
    {
        if (!Covers(slice))
        {
            throw new ArgumentException($"Tile {slice.Tile} has {slice.Tile.Width} hashes, but {Width} were read.", nameof(slice));
        }

        var subLevel = System.Numerics.BitOperations.Log2((uint)slice.Count);
        return _levels[subLevel][slice.First >> subLevel];
    }

    /// <summary>The tile's stored hashes, as they were read.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Width * Digest.Length];
        for (var i = 0; i < Width; i++)
        {
            _levels[0][i].Bytes.CopyTo(bytes.AsSpan(i * Digest.Length));
        }

        return bytes;
    }
}
