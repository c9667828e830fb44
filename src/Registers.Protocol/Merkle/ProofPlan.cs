using System.Collections.ObjectModel;
using System.Numerics;
using System.Text;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Merkle;

/// <summary>
/// What a server must read to answer a proof, and how to turn what it read into the proof.
/// Every node named is a perfect subtree that is complete at the tree size asked about, so its hash
/// never changes and can be stored once (in tiles). A proof hash whose subtree crosses the right border
/// of a non-perfect tree has no stored node: the plan names the perfect subtrees it is made of, left to
/// right, and <see cref="Fold"/> hashes them together. A plan names at most 2·log2(size) nodes.
/// </summary>
public sealed class ProofPlan
{
    private static readonly ProofPlan Empty = new([], []);

    private readonly NodeId[] _nodes;

    // _ends[k] is the exclusive end in _nodes of the run that makes proof hash k; runs are contiguous.
    private readonly int[] _ends;

    private ProofPlan(NodeId[] nodes, int[] ends)
    {
        _nodes = nodes;
        _ends = ends;
        Nodes = nodes.AsReadOnly();
    }

    /// <summary>The nodes to fetch from storage, in the order <see cref="Fold"/> expects their hashes.</summary>
    public ReadOnlyCollection<NodeId> Nodes { get; }

    /// <summary>How many hashes the finished proof has.</summary>
    public int ProofLength => _ends.Length;

    /// <summary>
    /// Plans the inclusion proof (RFC 6962 PATH, RFC 9162 section 2.1.3.1) of the leaf at
    /// <paramref name="index"/> in the tree of <paramref name="treeSize"/> leaves.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <paramref name="treeSize"/>.</exception>
    public static ProofPlan ForInclusion(ulong index, ulong treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, treeSize);
        var builder = new Builder();
        builder.AddPathAbove(NodeId.Leaf(index), treeSize);
        return builder.Build();
    }

    /// <summary>
    /// Plans the consistency proof (RFC 6962 PROOF, RFC 9162 section 2.1.4.1) that the tree of
    /// <paramref name="size1"/> leaves is a prefix of the tree of <paramref name="size2"/> leaves.
    /// Equal sizes need no hashes: the plan is empty.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="size1"/> is 0 (nothing to prove, and verifiers refuse it) or greater than <paramref name="size2"/>.
    /// </exception>
    public static ProofPlan ForConsistency(ulong size1, ulong size2)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        if (size1 == size2)
        {
            return Empty;
        }

        // The last perfect subtree of the old tree; the proof is the path above it in the new tree.
        var level = BitOperations.TrailingZeroCount(size1);
        var last = new NodeId(level, (size1 - 1) >> level);
        var builder = new Builder();
        if (!BitOperations.IsPow2(size1))
        {
            // Otherwise it is the whole old tree, and the verifier already holds its hash as root1.
            builder.AddNode(last);
        }

        builder.AddPathAbove(last, size2);
        return builder.Build();
    }

    /// <summary>Turns the hashes of <see cref="Nodes"/>, fetched in that order, into the proof.</summary>
    /// <exception cref="ArgumentException">The number of hashes is not the number of nodes.</exception>
    public Digest[] Fold(ReadOnlySpan<Digest> fetched)
    {
        if (fetched.Length != _nodes.Length)
        {
            throw new ArgumentException(
                $"The plan names {_nodes.Length} nodes but {fetched.Length} hashes were given.", nameof(fetched));
        }

        var proof = new Digest[_ends.Length];
        var start = 0;
        for (var k = 0; k < _ends.Length; k++)
        {
            // A run is a left-balanced border: its perfect subtrees shrink to the right, so MTH folds from the right.
            var end = _ends[k];
            var hash = fetched[end - 1];
            for (var j = end - 2; j >= start; j--)
            {
                hash = MerkleHash.Node(fetched[j], hash);
            }

            proof[k] = hash;
            start = end;
        }

        return proof;
    }

    /// <summary>The runs of nodes, one bracket per proof hash, e.g. <c>[(0, 1)] [(2, 1)+(0, 6)]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var start = 0;
        foreach (var end in _ends)
        {
            text.Append(text.Length == 0 ? "[" : " [")
                .AppendJoin('+', _nodes[start..end])
                .Append(']');
            start = end;
        }

        return text.ToString();
    }

    private sealed class Builder
    {
        private readonly List<NodeId> _nodes = [];
        private readonly List<int> _ends = [];

        public void AddNode(NodeId node)
        {
            _nodes.Add(node);
            _ends.Add(_nodes.Count);
        }

        /// <summary>
        /// Adds the sibling of every ancestor of <paramref name="start"/> (and of itself) below the root of a
        /// tree of <paramref name="treeSize"/> leaves, bottom up. Precondition: start is complete in the tree.
        /// </summary>
        public void AddPathAbove(NodeId start, ulong treeSize)
        {
            var rootLevel = TreeMath.BitLength(treeSize - 1);
            for (var level = start.Level; level < rootLevel; level++)
            {
                var sibling = new NodeId(level, (start.Index >> (level - start.Level)) ^ 1);
                var first = sibling.FirstLeaf;
                if (first >= treeSize)
                {
                    // A right sibling past the end does not exist: RFC 6962 lifts the node a level unchanged.
                    continue;
                }

                AddBorder(first, Math.Min(treeSize - first, sibling.LeafCount));
            }
        }

        /// <summary>
        /// Adds one proof hash: MTH of the <paramref name="count"/> leaves from <paramref name="first"/>, as the
        /// perfect subtrees of the binary decomposition of count, largest first. Precondition: first is a
        /// multiple of the largest power of two not above count.
        /// </summary>
        private void AddBorder(ulong first, ulong count)
        {
            for (var level = TreeMath.BitLength(count) - 1; level >= 0; level--)
            {
                if ((count & (1UL << level)) != 0)
                {
                    _nodes.Add(new NodeId(level, first >> level));
                    first += 1UL << level;
                }
            }

            _ends.Add(_nodes.Count);
        }

        public ProofPlan Build() => new([.. _nodes], [.. _ends]);
    }
}
