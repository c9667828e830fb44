using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// The shape of plans at any size up to 2^64 - 1, where nothing can be hashed: the nodes are perfect
/// subtrees complete in the tree, they tile exactly the leaves the proof must account for, at most one
/// proof hash is folded from several nodes, and the verifiers expect the same number of hashes.
/// </summary>
public sealed class ProofPlanTests
{
    public static TheoryData<ulong> Sizes()
    {
        var sizes = new TheoryData<ulong> { 1, 2, 3, 255, 256, 257, 70_000, 1UL << 63, (1UL << 63) + 1, ulong.MaxValue - 1, ulong.MaxValue };
        var random = new Random(6962);
        for (var i = 0; i < 12; i++)
        {
            // A random bit length, then random bits below it: sizes of every magnitude.
            var bits = random.Next(1, 65);
            var value = ((ulong)random.NextInt64() << 1) ^ (ulong)random.Next();
            sizes.Add(Math.Max(1, bits == 64 ? value : value & ((1UL << bits) - 1)));
        }

        return sizes;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Inclusion_plan_covers_every_other_leaf_once(ulong size)
    {
        var random = new Random((int)(size % int.MaxValue));
        foreach (var index in new ulong[] { 0, size - 1, size / 2, (ulong)random.NextInt64() % size })
        {
            var plan = ProofPlan.ForInclusion(index, size);
            Assert.Equal([(index, 1UL)], Gaps(plan, size));
            AssertVerifierExpects(plan.ProofLength, len => InclusionProof.TryComputeRoot(Leaves[0], index, size, Hashes(len), out _, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Consistency_plan_covers_the_new_tree_beside_the_old_root(ulong size2)
    {
        var random = new Random((int)(size2 % int.MaxValue));
        foreach (var size1 in new ulong[] { 1, size2 - 1, size2 / 2, 1 + ((ulong)random.NextInt64() % size2) }.Where(s => s is > 0 && s < size2))
        {
            var plan = ProofPlan.ForConsistency(size1, size2);

            // A power-of-two old tree is itself a node the verifier holds as root1; any other is covered by the plan.
            Assert.Equal(ulong.IsPow2(size1) ? [(0UL, size1)] : [], Gaps(plan, size2));
            AssertVerifierExpects(plan.ProofLength, len => VerifierAcceptsLength(size1, size2, len));
        }
    }

    [Fact]
    public void Plans_refuse_what_has_no_proof()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.ForInclusion(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.ForInclusion(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.ForConsistency(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.ForConsistency(4, 3));
        Assert.Throws<ArgumentException>(() => ProofPlan.ForInclusion(0, 8).Fold(Hashes(2)));
        Assert.Empty(ProofPlan.ForConsistency(3, 3).Fold([]));
    }

    private static Digest[] Leaves => SampleTree.Leaves;

    private static Digest[] Hashes(int count) => [.. Enumerable.Range(0, count).Select(i => Leaves[i % Leaves.Length])];

    /// <summary>
    /// Checks that the plan's nodes are complete, disjoint and ordered as proof hashes demand (each multi-node
    /// run contiguous and shrinking), and returns the leaf ranges of [0, size) they leave uncovered.
    /// </summary>
    private static List<(ulong First, ulong Count)> Gaps(ProofPlan plan, ulong size)
    {
        var nodes = plan.Nodes.ToList();
        Assert.All(nodes, node => Assert.True(node.IsCompleteIn(size), $"{node} is not complete at {size}."));
        Assert.True(nodes.Count <= 2 * 64);
        Assert.True(plan.ProofLength <= nodes.Count);
        Assert.True(nodes.Count - plan.ProofLength <= 63, "At most one proof hash is folded, from at most 64 nodes.");

        var gaps = new List<(ulong, ulong)>();
        ulong next = 0;
        foreach (var node in nodes.OrderBy(n => n.FirstLeaf))
        {
            Assert.True(node.FirstLeaf >= next, $"{node} overlaps another node.");
            if (node.FirstLeaf > next)
            {
                gaps.Add((next, node.FirstLeaf - next));
            }

            next = node.FirstLeaf + node.LeafCount;
        }

        if (next != size)
        {
            gaps.Add((next, size - next));
        }

        return gaps;
    }

    private static void AssertVerifierExpects(int length, Func<int, bool> acceptsLength)
    {
        Assert.True(acceptsLength(length), $"The verifier refused a proof of the planned length {length}.");
        Assert.False(acceptsLength(length + 1));
        Assert.False(length > 0 && acceptsLength(length - 1));
    }

    private static bool VerifierAcceptsLength(ulong size1, ulong size2, int length)
    {
        ConsistencyProof.Verify(size1, size2, Leaves[0], Leaves[1], Hashes(length), out var error);
        return error?.Kind != ProofErrorKind.WrongProofLength;
    }
}
