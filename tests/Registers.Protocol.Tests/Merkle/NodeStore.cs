using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// What a server keeps for a small log: every node a <see cref="CompactRange"/> reported while the leaves
/// were appended, and the root after each append. Proofs are served the way a server would: fetch the
/// nodes the plan names (each must be complete at the size asked about), then fold.
/// </summary>
internal sealed class NodeStore
{
    private readonly Dictionary<NodeId, Digest> _nodes = [];
    private readonly List<Digest> _roots = [];

    public NodeStore(ReadOnlySpan<Digest> leafHashes)
    {
        var range = new CompactRange();
        _roots.Add(range.Root());
        foreach (var leafHash in leafHashes)
        {
            range.Append(leafHash, (NodeId node, in Digest hash) => Assert.True(_nodes.TryAdd(node, hash), $"{node} reported twice."));
            _roots.Add(range.Root());
        }
    }

    public IReadOnlyDictionary<NodeId, Digest> Nodes => _nodes;

    public Digest RootAt(ulong size) => _roots[checked((int)size)];

    public Digest[] Serve(ProofPlan plan, ulong treeSize)
    {
        var fetched = plan.Nodes.Select(node =>
        {
            Assert.True(node.IsCompleteIn(treeSize), $"Plan names {node}, which is not complete at size {treeSize}.");
            return _nodes[node];
        }).ToArray();
        return plan.Fold(fetched);
    }
}
