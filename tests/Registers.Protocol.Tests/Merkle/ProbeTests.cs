using Registers.Protocol.Merkle;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>Every transparency-dev probe is accepted exactly when it is valid, by the RFC 9162 verifiers.</summary>
public sealed class ProbeTests
{
    public static TheoryData<string> InclusionProbes => Probe.Files("inclusion");

    public static TheoryData<string> ConsistencyProbes => Probe.Files("consistency");

    [Theory]
    [MemberData(nameof(InclusionProbes))]
    public void Inclusion_probe_verifies_exactly_when_it_should(string probe)
    {
        var p = Probe.Load(probe);
        if (!p.TryLeafHash(out var leafHash))
        {
            // Refused at parsing: a leaf hash that is not 32 bytes cannot be handed to the verifier at all.
            Assert.True(p.WantErr, "A probe whose leaf hash is not a SHA-256 digest must be one that fails.");
            return;
        }

        var index = p.Number("leafIdx");
        var size = p.Number("treeSize");
        var proof = p.Proof();
        var root = p.Hash("root");

        var verified = InclusionProof.Verify(leafHash, index, size, proof, root, out var error);

        Assert.Equal(!p.WantErr, verified);
        Assert.Equal(verified, error is null);
        if (verified)
        {
            // Our own construction agrees on the shape, and the client-side root matches.
            Assert.Equal(proof.Length, ProofPlan.ForInclusion(index, size).ProofLength);
            Assert.True(InclusionProof.TryComputeRoot(leafHash, index, size, proof, out var calculated, out _));
            Assert.Equal(root, calculated);
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyProbes))]
    public void Consistency_probe_verifies_exactly_when_it_should(string probe)
    {
        var p = Probe.Load(probe);
        var size1 = p.Number("size1");
        var size2 = p.Number("size2");
        var proof = p.Proof();

        var verified = ConsistencyProof.Verify(size1, size2, p.Hash("root1"), p.Hash("root2"), proof, out var error);

        Assert.Equal(!p.WantErr, verified);
        Assert.Equal(verified, error is null);
        if (verified)
        {
            Assert.Equal(proof.Length, ProofPlan.ForConsistency(size1, size2).ProofLength);
        }
    }
}
