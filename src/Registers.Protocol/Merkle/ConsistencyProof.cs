using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Merkle;

/// <summary>
/// Checks that a tree of <c>size1</c> leaves is a prefix of a tree of <c>size2</c> leaves, from both roots and
/// the consistency proof (RFC 9162 section 2.1.4.2). Bad input gives <c>false</c> and a <see cref="ProofError"/>,
/// never an exception.
/// </summary>
/// <remarks>
/// Equal sizes need an empty proof and equal roots. A first size of 0 is refused
/// (<see cref="ProofErrorKind.EmptyFirstTree"/>): an auditor that starts from nothing must trust its first
/// checkpoint on its own terms, not through a proof that proves nothing.
/// </remarks>
public static class ConsistencyProof
{
    /// <summary>Whether <paramref name="proof"/> shows the tree with <paramref name="root1"/> is a prefix of the one with <paramref name="root2"/>.</summary>
    public static bool Verify(ulong size1, ulong size2, in Digest root1, in Digest root2, ReadOnlySpan<Digest> proof) =>
        Verify(size1, size2, root1, root2, proof, out _);

    /// <inheritdoc cref="Verify(ulong, ulong, in Digest, in Digest, ReadOnlySpan{Digest})"/>
    /// <param name="size1">Leaves in the older tree.</param>
    /// <param name="size2">Leaves in the newer tree.</param>
    /// <param name="root1">The older root, which the caller trusts.</param>
    /// <param name="root2">The newer root.</param>
    /// <param name="proof">The consistency proof.</param>
    /// <param name="error">Why the proof was refused; <c>null</c> when it holds.</param>
    public static bool Verify(
        ulong size1,
        ulong size2,
        in Digest root1,
        in Digest root2,
        ReadOnlySpan<Digest> proof,
        [NotNullWhen(false)] out ProofError? error)
    {
        error = Check(size1, size2, root1, root2, proof);
        return error is null;
    }

    private static ProofError? Check(ulong size1, ulong size2, in Digest root1, in Digest root2, ReadOnlySpan<Digest> proof)
    {
        if (size1 > size2)
        {
            return ProofError.SizesOutOfOrder(size1, size2);
        }

        if (size1 == 0)
        {
            return ProofError.EmptyFirstTree(size2);
        }

        if (size1 == size2)
        {
            return proof.Length != 0 ? ProofError.WrongProofLength(0, proof.Length)
                : root1 != root2 ? ProofError.Mismatch(ProofErrorKind.SecondRootMismatch, root2, root1)
                : null;
        }

        if (!TryFold(size1, size2, root1, proof, out var calculated1, out var calculated2))
        {
            return ProofError.WrongProofLength(TreeMath.ConsistencyProofLength(size1, size2), proof.Length);
        }

        return calculated1 != root1 ? ProofError.Mismatch(ProofErrorKind.FirstRootMismatch, root1, calculated1)
            : calculated2 != root2 ? ProofError.Mismatch(ProofErrorKind.SecondRootMismatch, root2, calculated2)
            : null;
    }

    /// <summary>
    /// The walk of RFC 9162 section 2.1.4.2, rebuilding both roots at once. Precondition: 0 &lt; size1 &lt; size2.
    /// False when the proof is empty, runs past the root, or stops below it.
    /// </summary>
    private static bool TryFold(
        ulong size1, ulong size2, in Digest root1, ReadOnlySpan<Digest> proof, out Digest fr, out Digest sr)
    {
        fr = sr = default;
        if (proof.IsEmpty)
        {
            return false;
        }

        // When the old tree is one perfect subtree of the new one, the proof leaves out its hash: the verifier holds it.
        var holdsFirst = BitOperations.IsPow2(size1);
        fr = sr = holdsFirst ? root1 : proof[0];
        var rest = holdsFirst ? proof : proof[1..];

        // Start from the last perfect subtree of the old tree: skip the levels where it is a right child.
        var fn = size1 - 1;
        var sn = size2 - 1;
        var skip = BitOperations.TrailingZeroCount(~fn);
        fn >>= skip;
        sn >>= skip;

        foreach (ref readonly var c in rest)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                // A left sibling (after lifting a lone last node): it lies inside both trees.
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                TreeMath.SkipLoneLevels(ref fn, ref sn);
            }
            else
            {
                // A right sibling: it holds only new leaves.
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0;
    }
}
