namespace Registers.Protocol.Merkle;

/// <summary>
/// The address of a perfect subtree of the log: the node at <see cref="Level"/> (0 = a leaf) and
/// <see cref="Index"/> (counted from the left at that level) covers leaves
/// <c>[Index * 2^Level, (Index + 1) * 2^Level)</c>. Only perfect subtrees have stable hashes, so
/// these are the nodes a store keeps; the ragged right border of a tree is folded from them.
/// </summary>
public readonly record struct NodeId
{
    /// <summary>The highest level a node can have while its leaf range still fits in 64 bits.</summary>
    public const int MaxLevel = 63;

    /// <summary>Names the node at <paramref name="level"/> and <paramref name="index"/>.</summary>
    /// <param name="level">0 to <see cref="MaxLevel"/>.</param>
    /// <param name="index">Position at that level; <c>index &lt;&lt; level</c> must fit in 64 bits.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level or the index is out of range.</exception>
    public NodeId(int level, ulong index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        if (level > 0)
        {
            // Guards the multiplication in FirstLeaf: the node must start inside the 64-bit index space.
            ArgumentOutOfRangeException.ThrowIfGreaterThan(index, ulong.MaxValue >> level);
        }

        Level = level;
        Index = index;
    }

    /// <summary>The height above the leaves: 0 for a leaf, k for a subtree of 2^k leaves.</summary>
    public int Level { get; }

    /// <summary>The position among the nodes of the same level, from the left.</summary>
    public ulong Index { get; }

    /// <summary>The leaf at <paramref name="index"/>.</summary>
    public static NodeId Leaf(ulong index) => new(0, index);

    /// <summary>The index of the first leaf this node covers.</summary>
    public ulong FirstLeaf => Index << Level;

    /// <summary>How many leaves this node covers: 2^Level.</summary>
    public ulong LeafCount => 1UL << Level;

    /// <summary>Whether a tree of <paramref name="treeSize"/> leaves holds every leaf of this node.</summary>
    public bool IsCompleteIn(ulong treeSize) => Index < (treeSize >> Level);

    /// <summary>The node one level up that has this node as a child.</summary>
    /// <exception cref="InvalidOperationException">The node is already at <see cref="MaxLevel"/>.</exception>
    public NodeId Parent => Level < MaxLevel
        ? new NodeId(Level + 1, Index >> 1)
        : throw new InvalidOperationException("A node at the top level has no parent.");

    /// <summary>The other child of this node's parent.</summary>
    public NodeId Sibling => new(Level, Index ^ 1);

    /// <inheritdoc/>
    public override string ToString() => $"({Level}, {Index})";
}
