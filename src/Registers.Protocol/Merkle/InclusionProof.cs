using System.Diagnostics.CodeAnalysis;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Merkle;

/// <summary>
/// Checks that a leaf is in a tree, from the leaf hash, its index, the tree size, the audit path and the
/// trusted root (RFC 9162 section 2.1.3.2). Bad input gives <c>false</c> and a <see cref="ProofError"/>, never an exception.
/// </summary>
public static class InclusionProof
{
    /// <summary>Whether <paramref name="proof"/> shows <paramref name="leafHash"/> at <paramref name="index"/> under <paramref name="root"/>.</summary>
    public static bool Verify(in Digest leafHash, ulong index, ulong treeSize, ReadOnlySpan<Digest> proof, in Digest root) =>
        Verify(leafHash, index, treeSize, proof, root, out _);

    /// <inheritdoc cref="Verify(in Digest, ulong, ulong, ReadOnlySpan{Digest}, in Digest)"/>
    /// <param name="leafHash">The leaf hash, <see cref="MerkleHash.Leaf"/> of the entry.</param>
    /// <param name="index">The 0-based position of the leaf.</param>
    /// <param name="treeSize">The number of leaves in the tree <paramref name="root"/> is of.</param>
    /// <param name="proof">The audit path, from the leaf's sibling up.</param>
    /// <param name="root">The root the caller trusts.</param>
    /// <param name="error">Why the proof was refused; <c>null</c> when it holds.</param>
    public static bool Verify(
        in Digest leafHash,
        ulong index,
        ulong treeSize,
        ReadOnlySpan<Digest> proof,
        in Digest root,
        [NotNullWhen(false)] out ProofError? error)
    {
        if (!TryComputeRoot(leafHash, index, treeSize, proof, out var calculated, out error))
        {
            return false;
        }

        if (calculated != root)
        {
            error = ProofError.Mismatch(ProofErrorKind.RootMismatch, root, calculated);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The root an inclusion proof leads to, for a client that holds no root yet (it then checks the root
    /// against a signed checkpoint). Fails only on sizes and proof lengths that cannot go together.
    /// </summary>
    /// <param name="leafHash">The leaf hash.</param>
    /// <param name="index">The 0-based position of the leaf.</param>
    /// <param name="treeSize">The number of leaves in the tree.</param>
    /// <param name="proof">The audit path, from the leaf's sibling up.</param>
    /// <param name="root">The root; <c>default</c> on failure.</param>
    /// <param name="error">Why no root could be computed; <c>null</c> on success.</param>
    public static bool TryComputeRoot(
        in Digest leafHash,
        ulong index,
        ulong treeSize,
        ReadOnlySpan<Digest> proof,
        out Digest root,
        [NotNullWhen(false)] out ProofError? error)
    {
        root = default;
        if (index >= treeSize)
        {
            error = ProofError.IndexOutOfRange(index, treeSize);
            return false;
        }

        if (!TryFold(leafHash, index, treeSize - 1, proof, out root))
        {
            error = ProofError.WrongProofLength(TreeMath.InclusionProofLength(index, treeSize), proof.Length);
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// The walk of RFC 9162 section 2.1.3.2: <paramref name="fn"/> is the leaf index and <paramref name="sn"/>
    /// the last index, walked up a level per proof hash. False when the proof runs past the root or stops below it.
    /// </summary>
    private static bool TryFold(Digest hash, ulong fn, ulong sn, ReadOnlySpan<Digest> proof, out Digest root)
    {
        root = default;
        foreach (ref readonly var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                // We are a right child, or the last node of our level with no right sibling.
                hash = MerkleHash.Node(p, hash);
                TreeMath.SkipLoneLevels(ref fn, ref sn);
            }
            else
            {
                hash = MerkleHash.Node(hash, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        root = sn == 0 ? hash : default;
        return sn == 0;
    }
}
