using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// A test log of <see cref="Capacity"/> leaves (leaf i is the 8 bytes of i, little-endian), with every node
/// the <see cref="CompactRange"/> reported while it was built. Built once per test run: the node store is
/// what a server would have persisted, so proofs built from it test the emission too.
/// </summary>
internal static class SampleTree
{
    public const int Capacity = 2048;

    private static readonly Lazy<(Digest[] Leaves, Dictionary<NodeId, Digest> Nodes)> Built = new(Build);

    /// <summary>The leaf hashes.</summary>
    public static Digest[] Leaves => Built.Value.Leaves;

    /// <summary>Every node reported while appending the leaves, by id.</summary>
    public static IReadOnlyDictionary<NodeId, Digest> Nodes => Built.Value.Nodes;

    /// <summary>The proof a server would serve: fetch the planned nodes from the store, fold them.</summary>
    public static Digest[] Serve(ProofPlan plan, ulong treeSize)
    {
        var fetched = plan.Nodes.Select(node =>
        {
            Assert.True(node.IsCompleteIn(treeSize), $"Plan names {node}, which is not complete at size {treeSize}.");
            return Nodes[node];
        }).ToArray();
        return plan.Fold(fetched);
    }

    private static (Digest[], Dictionary<NodeId, Digest>) Build()
    {
        var leaves = new Digest[Capacity];
        for (var i = 0; i < Capacity; i++)
        {
            leaves[i] = MerkleHash.Leaf(BitConverter.GetBytes((long)i));
        }

        var nodes = new Dictionary<NodeId, Digest>();
        var range = new CompactRange();
        range.AppendRange(leaves, (NodeId node, in Digest hash) => Assert.True(nodes.TryAdd(node, hash), $"{node} reported twice."));
        return (leaves, nodes);
    }
}
