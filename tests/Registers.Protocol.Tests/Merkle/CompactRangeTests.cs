using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>The frontier: roots, the nodes each append completes, resuming from storage, and the cost of appending.</summary>
public sealed class CompactRangeTests
{
    private static readonly Digest[] Leaves = SampleTree.Leaves;

    [Fact]
    public void An_empty_range_has_the_empty_root_and_no_frontier()
    {
        var range = new CompactRange();
        Assert.Equal((0UL, MerkleHash.EmptyRoot), (range.Size, range.Root()));
        Assert.Empty(range.Frontier());
        Assert.Empty(CompactRange.FrontierNodes(0));
    }

    [Fact]
    public void Appending_the_eighth_leaf_reports_the_leaf_then_each_subtree_it_completes()
    {
        var range = new CompactRange();
        range.AppendRange(Leaves.AsSpan(0, 7));
        var reported = new List<(NodeId Node, Digest Hash)>();
        range.Append(Leaves[7], (NodeId node, in Digest hash) => reported.Add((node, hash)));

        Assert.Equal([new(0, 7), new(1, 3), new(2, 1), new(3, 0)], reported.Select(r => r.Node));
        Assert.All(reported, r => Assert.Equal(ReferenceTree.Root(Leaves.AsSpan((int)r.Node.FirstLeaf, (int)r.Node.LeafCount)), r.Hash));
        Assert.Equal(reported[^1].Hash, range.Root());
    }

    [Fact]
    public void Every_complete_node_is_reported_once_with_its_subtree_hash()
    {
        // NodeStore refuses a node reported twice; here: none is missing, and a sample hashes right.
        var store = SampleTree.Store;
        var expected = Enumerable.Range(0, 12).Sum(level => SampleTree.Capacity >> level);
        Assert.Equal(expected, store.Nodes.Count);
        foreach (var node in new NodeId[] { new(0, 2047), new(3, 5), new(7, 11), new(10, 1), new(11, 0) })
        {
            Assert.Equal(ReferenceTree.Root(Leaves.AsSpan((int)node.FirstLeaf, (int)node.LeafCount)), store.Nodes[node]);
        }
    }

    [Fact]
    public void Frontier_nodes_are_the_perfect_subtrees_of_the_size_left_to_right()
    {
        // 13 = 8 + 4 + 1: leaves [0, 8), [8, 12) and [12, 13).
        Assert.Equal([new(3, 0), new(2, 2), new(0, 12)], CompactRange.FrontierNodes(13));
        Assert.Equal([new(63, 0), new(0, 1UL << 63)], CompactRange.FrontierNodes((1UL << 63) + 1));

        var range = new CompactRange();
        range.AppendRange(Leaves.AsSpan(0, 13));
        var store = SampleTree.Store;
        Assert.Equal(CompactRange.FrontierNodes(13).Select(node => store.Nodes[node]), range.Frontier());
    }

    [Fact]
    public void A_frontier_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CompactRange.FromFrontier(13, Leaves.AsSpan(0, 2)));
        Assert.Throws<ArgumentException>(() => CompactRange.FromFrontier(0, Leaves.AsSpan(0, 1)));
    }

    [Fact]
    public void A_resumed_range_reports_the_same_nodes_as_one_that_never_stopped()
    {
        var range = new CompactRange();
        range.AppendRange(Leaves.AsSpan(0, 1000));
        var resumed = CompactRange.FromFrontier(1000, range.Frontier());
        var fromResumed = new List<NodeId>();
        var fromOriginal = new List<NodeId>();
        resumed.AppendRange(Leaves.AsSpan(1000, 100), (NodeId node, in Digest _) => fromResumed.Add(node));
        range.AppendRange(Leaves.AsSpan(1000, 100), (NodeId node, in Digest _) => fromOriginal.Add(node));

        Assert.Equal(fromOriginal, fromResumed);
        Assert.Equal((range.Size, range.Root()), (resumed.Size, resumed.Root()));
    }

    [Fact]
    public void A_full_tree_refuses_another_leaf()
    {
        var full = CompactRange.FromFrontier(ulong.MaxValue, [.. Enumerable.Repeat(Leaves[0], 64)]);
        Assert.Throws<InvalidOperationException>(() => full.Append(Leaves[0]));
    }

    [Fact]
    public void Appending_allocates_nothing()
    {
        var range = new CompactRange();
        var count = 0L;
        NodeCompleted sink = (NodeId node, in Digest hash) => count++;
        range.AppendRange(Leaves, sink);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 5; round++)
        {
            range.AppendRange(Leaves, sink);
            range.AppendRange(Leaves);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(count > 0);
    }
}
