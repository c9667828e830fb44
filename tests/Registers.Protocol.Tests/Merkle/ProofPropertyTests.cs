using FsCheck;
using FsCheck.Fluent;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// For random tree sizes up to <see cref="MaxSize"/>: roots and proofs from the fast code equal the naive
/// RFC 6962 reference, verify, and stop verifying under every mutation. Mutation choices come from a seed
/// FsCheck draws, so a failure report names everything needed to replay it.
/// </summary>
public sealed class ProofPropertyTests
{
    private const int MaxSize = 2000;
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(150);

    private static Digest[] Leaves => SampleTree.Leaves;

    private static NodeStore Store => SampleTree.Store;

    /// <summary>(size, index below size, seed).</summary>
    private static Arbitrary<(int Size, int Index, int Seed)> SizeAndIndex =>
        Gen.Choose(1, MaxSize)
            .SelectMany(n => Gen.Choose(0, n - 1), (n, m) => (n, m))
            .SelectMany(_ => Gen.Choose(0, int.MaxValue), (t, seed) => (t.n, t.m, seed))
            .ToArbitrary();

    /// <summary>(size1, size2, seed) with 0 &lt; size1 &lt;= size2.</summary>
    private static Arbitrary<(int Size1, int Size2, int Seed)> TwoSizes =>
        Gen.Choose(1, MaxSize)
            .SelectMany(n2 => Gen.Choose(1, n2), (n2, n1) => (n1, n2))
            .SelectMany(_ => Gen.Choose(0, int.MaxValue), (t, seed) => (t.n1, t.n2, seed))
            .ToArbitrary();

    [Fact]
    public void Compact_range_root_equals_the_reference_root_and_resumes_from_its_frontier() =>
        Prop.ForAll(Gen.Choose(0, MaxSize).ToArbitrary(), size =>
        {
            var n = (ulong)size;
            Assert.Equal(ReferenceTree.Root(Leaves.AsSpan(0, size)), Store.RootAt(n));

            // A server restarting at this size reads the frontier nodes and carries on appending.
            var frontier = CompactRange.FrontierNodes(n).Select(node => Store.Nodes[node]).ToArray();
            var resumed = CompactRange.FromFrontier(n, frontier);
            Assert.Equal(Store.RootAt(n), resumed.Root());
            resumed.AppendRange(Leaves.AsSpan(size, 40));
            Assert.Equal(Store.RootAt(n + 40), resumed.Root());
        }).Check(Quick);

    [Fact]
    public void Inclusion_proofs_equal_the_reference_and_verify() =>
        Prop.ForAll(SizeAndIndex, t =>
        {
            var (n, m) = ((ulong)t.Size, (ulong)t.Index);
            var plan = ProofPlan.ForInclusion(m, n);
            var proof = Store.Serve(plan, n);

            Assert.Equal(ReferenceTree.Path(t.Index, Leaves.AsSpan(0, t.Size)), proof);
            Assert.True(plan.Nodes.Count <= 2 * TreeHeight(n), $"{plan.Nodes.Count} reads for a tree of {n}.");
            Assert.True(InclusionProof.Verify(Leaves[m], m, n, proof, Store.RootAt(n), out var error), error?.ToString());
            Assert.True(InclusionProof.TryComputeRoot(Leaves[m], m, n, proof, out var root, out _));
            Assert.Equal(Store.RootAt(n), root);
        }).Check(Quick);

    [Fact]
    public void Consistency_proofs_equal_the_reference_and_verify() =>
        Prop.ForAll(TwoSizes, t =>
        {
            var (n1, n2) = ((ulong)t.Size1, (ulong)t.Size2);
            var plan = ProofPlan.ForConsistency(n1, n2);
            var proof = Store.Serve(plan, n2);

            Assert.Equal(ReferenceTree.Proof(t.Size1, Leaves.AsSpan(0, t.Size2)), proof);
            Assert.True(plan.Nodes.Count <= 2 * TreeHeight(n2) + 1, $"{plan.Nodes.Count} reads for a tree of {n2}.");
            Assert.True(ConsistencyProof.Verify(n1, n2, Store.RootAt(n1), Store.RootAt(n2), proof, out var error), error?.ToString());
        }).Check(Quick);

    [Fact]
    public void Every_mutation_of_an_inclusion_proof_fails() =>
        Prop.ForAll(SizeAndIndex, t =>
        {
            var (n, m, random) = ((ulong)t.Size, (ulong)t.Index, new Random(t.Seed));
            var proof = Store.Serve(ProofPlan.ForInclusion(m, n), n);
            var root = Store.RootAt(n);
            bool Holds(Digest leaf, ulong index, ulong size, Digest[] path, Digest r) =>
                InclusionProof.Verify(leaf, index, size, path, r);

            Assert.True(Holds(Leaves[m], m, n, proof, root));
            foreach (var mutated in Mutations.FlipOneBitInEachHash(proof, random))
            {
                Assert.False(Holds(Leaves[m], m, n, mutated, root));
            }

            Assert.False(Holds(Mutations.FlipBit(Leaves[m], random), m, n, proof, root));
            Assert.False(Holds(Leaves[m], m, n, Mutations.InsertHash(proof, random), root));
            if (proof.Length > 0)
            {
                Assert.False(Holds(Leaves[m], m, n, Mutations.RemoveHash(proof, random), root));
                Assert.False(Holds(root, m, n, proof, Leaves[m]));
            }

            if (Mutations.OtherThan(m, n, random) is { } otherIndex)
            {
                Assert.False(Holds(Leaves[otherIndex], otherIndex, n, proof, root));
                Assert.False(Holds(Leaves[m], otherIndex, n, proof, root));
            }

            Assert.False(Holds(Leaves[m], n + (ulong)random.Next(0, 3), n, proof, root));

            // Another size is checked against that size's own root: a checkpoint binds size and root together.
            var otherSize = Mutations.OtherThan(n - 1, MaxSize, random)!.Value + 1;
            Assert.False(m < otherSize && Holds(Leaves[m], m, otherSize, proof, Store.RootAt(otherSize)));
        }).Check(Quick);

    [Fact]
    public void Every_mutation_of_a_consistency_proof_fails() =>
        Prop.ForAll(TwoSizes, t =>
        {
            var (n1, n2, random) = ((ulong)t.Size1, (ulong)t.Size2, new Random(t.Seed));
            var proof = Store.Serve(ProofPlan.ForConsistency(n1, n2), n2);
            var (root1, root2) = (Store.RootAt(n1), Store.RootAt(n2));
            bool Holds(ulong s1, ulong s2, Digest r1, Digest r2, Digest[] path) =>
                ConsistencyProof.Verify(s1, s2, r1, r2, path);

            Assert.True(Holds(n1, n2, root1, root2, proof));
            foreach (var mutated in Mutations.FlipOneBitInEachHash(proof, random))
            {
                Assert.False(Holds(n1, n2, root1, root2, mutated));
            }

            Assert.False(Holds(n1, n2, root1, root2, Mutations.InsertHash(proof, random)));
            if (n1 != n2)
            {
                Assert.False(Holds(n1, n2, root1, root2, Mutations.RemoveHash(proof, random)));
                Assert.False(Holds(n1, n2, Mutations.FlipBit(root1, random), root2, proof));
                Assert.False(Holds(n1, n2, root2, root1, proof));
                Assert.False(Holds(n2, n1, root2, root1, proof));
            }

            Assert.False(Holds(n1, n2, root1, Mutations.FlipBit(root2, random), proof));
            Assert.False(Holds(0, n2, MerkleHash.EmptyRoot, root2, proof));

            // Other sizes, each with its own true root.
            if (Mutations.OtherThan(n1 - 1, n2, random) is { } other1)
            {
                Assert.False(Holds(other1 + 1, n2, Store.RootAt(other1 + 1), root2, proof));
            }

            var other2 = Mutations.OtherThan(n2 - 1, MaxSize, random)!.Value + 1;
            Assert.False(n1 <= other2 && Holds(n1, other2, root1, Store.RootAt(other2), proof));
        }).Check(Quick);

    private static int TreeHeight(ulong size) => 64 - (int)ulong.LeadingZeroCount(size - 1);
}
