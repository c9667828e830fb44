namespace Registers.Protocol.Merkle;

/// <summary>
/// A C2SP tlog-tiles tile: at tile level <see cref="Level"/> it holds <see cref="Width"/> consecutive hashes
/// of tree level <c>8 · Level</c>, starting at hash <c>Index · 256</c> of that level. A full tile is 256
/// hashes wide; the rightmost tile of a level is partial (1 to 255) while the tree is not a multiple of
/// its span. A level-0 tile's hashes are leaf hashes; the entry bundle with the same index and width holds
/// the entries themselves.
/// </summary>
public readonly record struct TileId
{
    /// <summary>Tree levels per tile: a tile is a perfect subtree of height 8.</summary>
    public const int Height = 8;

    /// <summary>Hashes in a full tile (2^<see cref="Height"/>).</summary>
    public const int FullWidth = 1 << Height;

    /// <summary>The highest tile level a path may name.</summary>
    public const int MaxLevel = 63;

    /// <summary>Names a tile.</summary>
    /// <param name="level">Tile level, 0 to <see cref="MaxLevel"/>.</param>
    /// <param name="index">Position among the tiles of that level.</param>
    /// <param name="width">Hashes it holds: 1 to <see cref="FullWidth"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level or the width is out of range.</exception>
    public TileId(int level, ulong index, int width = FullWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, FullWidth);
        Level = level;
        Index = index;
        Width = width;
    }

    /// <summary>The tile level: its hashes are at tree level <c>8 · Level</c>.</summary>
    public int Level { get; }

    /// <summary>Position among the tiles of the same level, from the left.</summary>
    public ulong Index { get; }

    /// <summary>How many hashes the tile holds.</summary>
    public int Width { get; }

    /// <summary>Whether the tile holds fewer than 256 hashes.</summary>
    public bool IsPartial => Width < FullWidth;

    /// <summary>
    /// The tile of <paramref name="level"/> that ends a tree of <paramref name="treeSize"/> leaves with fewer
    /// than 256 hashes, or <c>null</c> when that level ends on a full tile (or the tree is too small to reach it).
    /// Its width is <c>floor(treeSize / 256^level) mod 256</c>.
    /// </summary>
    public static TileId? Partial(int level, ulong treeSize)
    {
        var hashes = HashesAt(level, treeSize);
        var width = (int)(hashes % FullWidth);
        return width == 0 ? null : new TileId(level, hashes / FullWidth, width);
    }

    /// <summary>
    /// Every tile a tree of <paramref name="treeSize"/> leaves is served as: at each level, the full tiles and
    /// then the partial one if any, level by level from 0. A tree of 256 leaves is one full level-0 tile and
    /// a level-1 tile of width 1.
    /// </summary>
    public static IEnumerable<TileId> AllFor(ulong treeSize)
    {
        for (var level = 0; level <= MaxLevel && HashesAt(level, treeSize) > 0; level++)
        {
            var full = HashesAt(level, treeSize) / FullWidth;
            for (ulong index = 0; index < full; index++)
            {
                yield return new TileId(level, index);
            }

            if (Partial(level, treeSize) is { } partial)
            {
                yield return partial;
            }
        }
    }

    /// <summary>
    /// The tile of <paramref name="level"/> at <paramref name="index"/> as a tree of <paramref name="treeSize"/>
    /// leaves has it: full if the tree has filled it, else partial.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The tree has no hash in that tile yet.</exception>
    public static TileId At(int level, ulong index, ulong treeSize)
    {
        var hashes = HashesAt(level, treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, hashes / FullWidth);
        var width = index < hashes / FullWidth ? FullWidth : (int)(hashes % FullWidth);
        ArgumentOutOfRangeException.ThrowIfZero(width, nameof(treeSize));
        return new TileId(level, index, width);
    }

    /// <inheritdoc/>
    public override string ToString() => TilePath.Format(this);

    /// <summary>How many complete hashes a tree of <paramref name="treeSize"/> leaves has at tile level <paramref name="level"/>.</summary>
    private static ulong HashesAt(int level, ulong treeSize) => TreeMath.ShiftRight(treeSize, level * Height);
}
