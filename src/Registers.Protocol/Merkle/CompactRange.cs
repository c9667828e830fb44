using System.Numerics;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Merkle;

/// <summary>Told of each node an append completes, so a store can persist it as it is born.</summary>
/// <param name="node">The completed perfect subtree: the leaf itself, then each ancestor it completes.</param>
/// <param name="hash">Its hash, which never changes again.</param>
public delegate void NodeCompleted(NodeId node, in Digest hash);

/// <summary>
/// The growing tree of a log, kept as its frontier: the hash of one perfect subtree for each one bit of
/// the size, largest on the left (a compact range over <c>[0, Size)</c>). Appending costs one leaf hash's
/// worth of work plus one node hash per subtree it completes, and no allocation; the root is folded from at
/// most 64 hashes. Not thread-safe: a log has one writer.
/// </summary>
public sealed class CompactRange
{
    // _byLevel[l] is the frontier subtree of 2^l leaves; it holds a value only where bit l of _size is set.
    private readonly Digest[] _byLevel = new Digest[64];
    private ulong _size;

    /// <summary>An empty tree.</summary>
    public CompactRange()
    {
    }

    /// <summary>The number of leaves appended.</summary>
    public ulong Size => _size;

    /// <summary>
    /// Resumes a tree from its stored frontier, e.g. after a restart: the hashes of the nodes
    /// <see cref="FrontierNodes"/> names for <paramref name="size"/>, in that order (left to right).
    /// </summary>
    /// <exception cref="ArgumentException">There is not one hash per one bit of <paramref name="size"/>.</exception>
    public static CompactRange FromFrontier(ulong size, ReadOnlySpan<Digest> frontier)
    {
        var expected = BitOperations.PopCount(size);
        if (frontier.Length != expected)
        {
            throw new ArgumentException(
                $"A tree of size {size} has {expected} frontier subtrees, not {frontier.Length}.", nameof(frontier));
        }

        var range = new CompactRange { _size = size };
        var next = 0;
        for (var level = 63; level >= 0; level--)
        {
            if ((size & (1UL << level)) != 0)
            {
                range._byLevel[level] = frontier[next++];
            }
        }

        return range;
    }

    /// <summary>The perfect subtrees whose hashes make up the frontier of a tree of <paramref name="size"/> leaves, left to right.</summary>
    public static NodeId[] FrontierNodes(ulong size)
    {
        var nodes = new NodeId[BitOperations.PopCount(size)];
        var next = 0;
        for (var level = 63; level >= 0; level--)
        {
            if ((size & (1UL << level)) != 0)
            {
                nodes[next++] = new NodeId(level, (size >> level) - 1);
            }
        }

        return nodes;
    }

    /// <summary>The frontier hashes, left to right, in the order <see cref="FromFrontier"/> takes them.</summary>
    public Digest[] Frontier()
    {
        var hashes = new Digest[BitOperations.PopCount(_size)];
        var next = 0;
        for (var level = 63; level >= 0; level--)
        {
            if ((_size & (1UL << level)) != 0)
            {
                hashes[next++] = _byLevel[level];
            }
        }

        return hashes;
    }

    /// <summary>Appends one leaf hash, telling <paramref name="completed"/> of the leaf and of each node it completes, bottom up.</summary>
    /// <exception cref="InvalidOperationException">The tree already has 2^64 - 1 leaves.</exception>
    public void Append(in Digest leafHash, NodeCompleted? completed = null)
    {
        if (_size == ulong.MaxValue)
        {
            throw new InvalidOperationException("The tree is full.");
        }

        var index = _size;
        var hash = leafHash;
        completed?.Invoke(NodeId.Leaf(index), hash);

        // Like adding one in binary: each one bit of the old size is a subtree the new leaf's subtree joins.
        var level = 0;
        while ((index & (1UL << level)) != 0)
        {
            hash = MerkleHash.Node(_byLevel[level], hash);
            level++;
            completed?.Invoke(new NodeId(level, index >> level), hash);
        }

        _byLevel[level] = hash;
        _size = index + 1;
    }

    /// <summary>Appends leaf hashes in order; see <see cref="Append"/>.</summary>
    public void AppendRange(ReadOnlySpan<Digest> leafHashes, NodeCompleted? completed = null)
    {
        foreach (ref readonly var leafHash in leafHashes)
        {
            Append(leafHash, completed);
        }
    }

    /// <summary>The RFC 6962 root of the tree: the frontier folded from the right (the empty root for size 0).</summary>
    public Digest Root()
    {
        if (_size == 0)
        {
            return MerkleHash.EmptyRoot;
        }

        var level = BitOperations.TrailingZeroCount(_size);
        var root = _byLevel[level];
        for (level++; level < 64; level++)
        {
            if ((_size & (1UL << level)) != 0)
            {
                root = MerkleHash.Node(_byLevel[level], root);
            }
        }

        return root;
    }
}
