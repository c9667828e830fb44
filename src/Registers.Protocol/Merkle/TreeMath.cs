using System.Numerics;

namespace Registers.Protocol.Merkle;

/// <summary>
/// Bit arithmetic on tree sizes and indices that the planner and the verifiers share. The shape of an
/// RFC 6962 tree is fixed by its size alone, so every question here has a closed-form answer.
/// </summary>
internal static class TreeMath
{
    /// <summary>Number of bits needed to write <paramref name="value"/> (0 for 0).</summary>
    public static int BitLength(ulong value) => 64 - BitOperations.LeadingZeroCount(value);

    /// <summary><c>value &gt;&gt; shift</c>, but 0 when the shift is 64 or more (C# masks the shift count).</summary>
    public static ulong ShiftRight(ulong value, int shift) => shift >= 64 ? 0 : value >> shift;

    /// <summary>
    /// RFC 9162's "right-shift fn and sn equally until LSB(fn) is set or fn is 0", for a node that was the
    /// last of its level: on the levels it climbs here it has no sibling, so RFC 6962 lifts it unchanged.
    /// </summary>
    public static void SkipLoneLevels(ref ulong fn, ref ulong sn)
    {
        var shift = fn == 0 ? 0 : BitOperations.TrailingZeroCount(fn);
        fn >>= shift;
        sn >>= shift;
    }

    /// <summary>
    /// How many hashes the path from the node at <paramref name="fromLevel"/> that holds leaf
    /// <paramref name="leaf"/> up to the root of a tree of <paramref name="treeSize"/> leaves has.
    /// </summary>
    /// <remarks>
    /// Precondition: <c>leaf &lt; treeSize</c>. Below the level where the paths to <paramref name="leaf"/> and
    /// to the last leaf part (<c>inner</c>), every level has a sibling; above it the two paths are one, and a
    /// level has a sibling only where it sits on the right, i.e. where the leaf index has a one bit.
    /// </remarks>
    public static int PathLength(ulong leaf, ulong treeSize, int fromLevel)
    {
        var inner = BitLength(leaf ^ (treeSize - 1));
        var border = Math.Max(inner, fromLevel);
        return Math.Max(0, inner - fromLevel) + BitOperations.PopCount(ShiftRight(leaf, border));
    }

    /// <summary>Hashes in an inclusion proof. Precondition: <c>index &lt; treeSize</c>.</summary>
    public static int InclusionProofLength(ulong index, ulong treeSize) => PathLength(index, treeSize, 0);

    /// <summary>
    /// Hashes in a consistency proof. Precondition: <c>0 &lt; size1 &lt; size2</c>. The proof is the path
    /// above the last perfect subtree of the old tree, led by that subtree's hash unless it is the whole
    /// old tree (size1 a power of two), whose root the verifier already holds.
    /// </summary>
    public static int ConsistencyProofLength(ulong size1, ulong size2)
    {
        var level = BitOperations.TrailingZeroCount(size1);
        var lead = BitOperations.IsPow2(size1) ? 0 : 1;
        return lead + PathLength(size1 - 1, size2, level);
    }
}
