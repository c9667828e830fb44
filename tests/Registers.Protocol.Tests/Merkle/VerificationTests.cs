using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>The verifiers' edge cases: each refusal is a false with the right typed reason, never an exception.</summary>
public sealed class VerificationTests
{
    private static readonly Digest[] Leaves = SampleTree.Leaves;
    private static readonly NodeStore Store = SampleTree.Store;

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(5UL, 5UL)]
    [InlineData(6UL, 5UL)]
    [InlineData(ulong.MaxValue, 5UL)]
    public void Inclusion_of_an_index_outside_the_tree_is_refused(ulong index, ulong size)
    {
        Assert.False(InclusionProof.Verify(Leaves[0], index, size, [], MerkleHash.EmptyRoot, out var error));
        Assert.Equal(ProofErrorKind.IndexOutOfRange, error.Kind);
        Assert.False(InclusionProof.TryComputeRoot(Leaves[0], index, size, [], out var root, out error));
        Assert.Equal(ProofErrorKind.IndexOutOfRange, error.Kind);
        Assert.Equal(default, root);
    }

    [Fact]
    public void Inclusion_proof_with_a_hash_too_many_or_too_few_says_how_many_were_needed()
    {
        var proof = Store.Serve(ProofPlan.ForInclusion(5, 8), 8);
        Assert.False(InclusionProof.Verify(Leaves[5], 5, 8, [.. proof, proof[0]], Store.RootAt(8), out var error));
        Assert.Equal((ProofErrorKind.WrongProofLength, 3, 4), (error.Kind, error.ExpectedLength, error.ActualLength));
        Assert.False(InclusionProof.Verify(Leaves[5], 5, 8, proof[..2], Store.RootAt(8), out error));
        Assert.Equal((ProofErrorKind.WrongProofLength, 3, 2), (error.Kind, error.ExpectedLength, error.ActualLength));
    }

    [Fact]
    public void Inclusion_root_mismatch_carries_the_expected_and_the_calculated_root()
    {
        var proof = Store.Serve(ProofPlan.ForInclusion(5, 8), 8);
        Assert.False(InclusionProof.Verify(Leaves[5], 5, 8, proof, Store.RootAt(7), out var error));
        Assert.Equal(ProofErrorKind.RootMismatch, error.Kind);
        Assert.Equal(Store.RootAt(7), error.ExpectedRoot);
        Assert.Equal(Store.RootAt(8), error.CalculatedRoot);
        Assert.Contains(Store.RootAt(8).ToHex(), error.Message);
    }

    [Fact]
    public void Inclusion_in_a_one_leaf_tree_has_an_empty_proof_and_the_leaf_is_the_root()
    {
        Assert.True(InclusionProof.Verify(Leaves[0], 0, 1, [], Leaves[0]));
        Assert.Equal(0, ProofPlan.ForInclusion(0, 1).ProofLength);
    }

    [Fact]
    public void An_inclusion_proof_does_not_bind_the_tree_size_the_checkpoint_does()
    {
        // Leaf 0's path at size 5 is [leaf 1, (2..4), leaf 4]; at size 6 it is [leaf 1, (2..4), (4..6)]. Both take the
        // same turns, so the size-5 path also passes as a size-6 path when checked against the size-5 root. Harmless:
        // a client takes size and root together from one signed checkpoint; against the size-6 root it fails.
        var proof = Store.Serve(ProofPlan.ForInclusion(0, 5), 5);
        Assert.True(InclusionProof.Verify(Leaves[0], 0, 6, proof, Store.RootAt(5)));
        Assert.False(InclusionProof.Verify(Leaves[0], 0, 6, proof, Store.RootAt(6)));
    }

    [Theory]
    [InlineData(1UL, 0UL)]
    [InlineData(9UL, 8UL)]
    [InlineData(ulong.MaxValue, 1UL)]
    public void Consistency_from_a_larger_to_a_smaller_tree_is_refused(ulong size1, ulong size2)
    {
        Assert.False(ConsistencyProof.Verify(size1, size2, Leaves[0], Leaves[0], [], out var error));
        Assert.Equal(ProofErrorKind.SizesOutOfOrder, error.Kind);
    }

    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(1UL, 0)]
    [InlineData(8UL, 1)]
    public void Consistency_from_the_empty_tree_is_refused_whatever_the_proof(ulong size2, int proofLength)
    {
        var proof = Enumerable.Repeat(MerkleHash.EmptyRoot, proofLength).ToArray();
        var root2 = size2 == 0 ? MerkleHash.EmptyRoot : Store.RootAt(size2);
        Assert.False(ConsistencyProof.Verify(0, size2, MerkleHash.EmptyRoot, root2, proof, out var error));
        Assert.Equal(ProofErrorKind.EmptyFirstTree, error.Kind);
    }

    [Fact]
    public void Consistency_between_equal_sizes_needs_an_empty_proof_and_equal_roots()
    {
        var root = Store.RootAt(7);
        Assert.True(ConsistencyProof.Verify(7, 7, root, root, []));
        Assert.Equal(0, ProofPlan.ForConsistency(7, 7).ProofLength);

        Assert.False(ConsistencyProof.Verify(7, 7, root, root, [root], out var error));
        Assert.Equal((ProofErrorKind.WrongProofLength, 0, 1), (error.Kind, error.ExpectedLength, error.ActualLength));

        Assert.False(ConsistencyProof.Verify(7, 7, root, Store.RootAt(6), [], out error));
        Assert.Equal(ProofErrorKind.SecondRootMismatch, error.Kind);
        Assert.Equal((Store.RootAt(6), root), (error.ExpectedRoot, error.CalculatedRoot));
    }

    [Fact]
    public void Consistency_proof_of_the_wrong_length_says_how_many_were_needed()
    {
        var proof = Store.Serve(ProofPlan.ForConsistency(6, 8), 8);
        var (root1, root2) = (Store.RootAt(6), Store.RootAt(8));
        Assert.False(ConsistencyProof.Verify(6, 8, root1, root2, [], out var error));
        Assert.Equal((ProofErrorKind.WrongProofLength, 3, 0), (error.Kind, error.ExpectedLength, error.ActualLength));
        Assert.False(ConsistencyProof.Verify(6, 8, root1, root2, [.. proof, proof[2]], out error));
        Assert.Equal((ProofErrorKind.WrongProofLength, 3, 4), (error.Kind, error.ExpectedLength, error.ActualLength));
    }

    [Fact]
    public void Consistency_root_mismatches_name_the_root_that_failed()
    {
        var proof = Store.Serve(ProofPlan.ForConsistency(6, 8), 8);
        var (root1, root2) = (Store.RootAt(6), Store.RootAt(8));

        Assert.False(ConsistencyProof.Verify(6, 8, Store.RootAt(5), root2, proof, out var error));
        Assert.Equal(ProofErrorKind.FirstRootMismatch, error.Kind);
        Assert.Equal((Store.RootAt(5), root1), (error.ExpectedRoot, error.CalculatedRoot));

        Assert.False(ConsistencyProof.Verify(6, 8, root1, Store.RootAt(7), proof, out error));
        Assert.Equal(ProofErrorKind.SecondRootMismatch, error.Kind);
        Assert.Equal((Store.RootAt(7), root2), (error.ExpectedRoot, error.CalculatedRoot));
    }

    [Fact]
    public void Proof_lengths_hold_at_the_largest_sizes()
    {
        // No hashing of 2^64 leaves: a proof of the planned length with any hashes reaches a root (so the
        // verifier's walk agrees with the plan on the shape); one hash more or less does not.
        var random = new Random(64);
        foreach (var (index, size) in new[] { (ulong.MaxValue - 1, ulong.MaxValue), (0UL, ulong.MaxValue), (1UL << 63, (1UL << 63) + 1), (12345UL, 1UL << 63) })
        {
            var length = ProofPlan.ForInclusion(index, size).ProofLength;
            var proof = Enumerable.Range(0, length + 1).Select(_ => Mutations.FlipBit(Leaves[0], random)).ToArray();
            Assert.True(InclusionProof.TryComputeRoot(Leaves[0], index, size, proof[..length], out _, out var error), error?.ToString());
            Assert.False(InclusionProof.TryComputeRoot(Leaves[0], index, size, proof, out _, out _));
            Assert.False(InclusionProof.TryComputeRoot(Leaves[0], index, size, proof[..(length - 1)], out _, out _));
        }
    }
}
