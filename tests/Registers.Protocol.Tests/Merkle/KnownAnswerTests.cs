using System.Text;
using System.Text.Json;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Protocol.Tests.Support;

namespace Registers.Protocol.Tests.Merkle;

/// <summary>
/// Roots and proofs that others computed: the RFC 6962 reference leaves (two independent copies), the
/// C2SP merkle-tree worked example, and the GOV.UK specification's proofs over the country register.
/// Every proof here is built by <see cref="ProofPlan"/> from nodes a <see cref="CompactRange"/> reported.
/// </summary>
public sealed class KnownAnswerTests
{
    [Fact]
    public void Ct_8_leaves_roots_and_proofs_match_the_rfc6962_vectors()
    {
        var v = Json("merkle", "rfc6962-ct-8-leaves.json");
        var leaves = v.GetProperty("leaves_hex").EnumerateArray().Select(x => Convert.FromHexString(x.GetString()!)).ToArray();
        var leafHashes = leaves.Select(x => MerkleHash.Leaf(x)).ToArray();
        Assert.Equal(Hexes(v.GetProperty("leaf_hashes_hex")), leafHashes.Select(h => h.ToHex()));

        var tree = new NodeStore(leafHashes);
        foreach (var root in v.GetProperty("roots_hex_by_size").EnumerateObject())
        {
            Assert.Equal(root.Value.GetString(), tree.RootAt(ulong.Parse(root.Name)).ToHex());
        }

        foreach (var c in v.GetProperty("inclusion").EnumerateArray())
        {
            var (index, size) = (c.GetProperty("leaf_index").GetUInt64(), c.GetProperty("tree_size").GetUInt64());
            var proof = tree.Serve(ProofPlan.ForInclusion(index, size), size);
            Assert.Equal(Hexes(c.GetProperty("path")), proof.Select(h => h.ToHex()));
            Assert.True(InclusionProof.Verify(Hex(c, "leaf_hash"), index, size, proof, Hex(c, "root")));
        }

        foreach (var c in v.GetProperty("consistency").EnumerateArray())
        {
            var (size1, size2) = (c.GetProperty("size1").GetUInt64(), c.GetProperty("size2").GetUInt64());
            var proof = tree.Serve(ProofPlan.ForConsistency(size1, size2), size2);
            Assert.Equal(Hexes(c.GetProperty("proof")), proof.Select(h => h.ToHex()));
            Assert.True(ConsistencyProof.Verify(size1, size2, Hex(c, "root1"), Hex(c, "root2"), proof));
        }
    }

    [Fact]
    public void Govuk_verifiable_log_ct_vectors_match()
    {
        var v = Json("govuk", "spec-vectors.json").GetProperty("ct_vectors");
        var leafHashes = v.GetProperty("leaves_hex").EnumerateArray()
            .Select(x => MerkleHash.Leaf(Convert.FromHexString(x.GetString()!))).ToArray();
        var tree = new NodeStore(leafHashes);

        Assert.Equal(v.GetProperty("empty_root").GetString(), tree.RootAt(0).ToHex());
        var roots = Hexes(v.GetProperty("roots"));
        for (var size = 1; size <= roots.Length; size++)
        {
            Assert.Equal(roots[size - 1], tree.RootAt((ulong)size).ToHex());
        }

        // Keys name the case: audit_<leaf index>_<size> and consistency_<size1>_<size2>.
        var checkedCases = 0;
        foreach (var c in v.EnumerateObject().Where(p => p.Name.StartsWith("audit_") || p.Name.StartsWith("consistency_")))
        {
            var parts = c.Name.Split('_');
            var (a, b) = (ulong.Parse(parts[1]), ulong.Parse(parts[2]));
            var plan = parts[0] == "audit" ? ProofPlan.ForInclusion(a, b) : ProofPlan.ForConsistency(a, b);
            var proof = tree.Serve(plan, b);
            Assert.Equal(Hexes(c.Value), proof.Select(h => h.ToHex()));
            Assert.True(parts[0] == "audit"
                ? InclusionProof.Verify(leafHashes[a], a, b, proof, tree.RootAt(b))
                : ConsistencyProof.Verify(a, b, tree.RootAt(a), tree.RootAt(b), proof));
            checkedCases++;
        }

        Assert.Equal(8, checkedCases);
    }

    [Fact]
    public void C2sp_merkle_tree_seven_entry_example_gives_the_labelled_proofs()
    {
        // The labels of c2sp.org/merkle-tree's example: a..g leaves, h..l inner nodes.
        var leaves = Enumerable.Range(0, 7).Select(i => MerkleHash.Leaf([(byte)i])).ToArray();
        var (a, b, c, d, e, f, g) = (leaves[0], leaves[1], leaves[2], leaves[3], leaves[4], leaves[5], leaves[6]);
        var (h, i2, j) = (MerkleHash.Node(a, b), MerkleHash.Node(c, d), MerkleHash.Node(e, f));
        var (k, l) = (MerkleHash.Node(h, i2), MerkleHash.Node(j, g));
        var tree = new NodeStore(leaves);
        Assert.Equal(MerkleHash.Node(k, l), tree.RootAt(7));

        Assert.Equal([b, i2, l], tree.Serve(ProofPlan.ForInclusion(0, 7), 7));
        Assert.Equal([c, h, l], tree.Serve(ProofPlan.ForInclusion(3, 7), 7));
        Assert.Equal([f, g, k], tree.Serve(ProofPlan.ForInclusion(4, 7), 7));
        Assert.Equal([j, k], tree.Serve(ProofPlan.ForInclusion(6, 7), 7));
        Assert.Equal([c, d, h, l], tree.Serve(ProofPlan.ForConsistency(3, 7), 7));
        Assert.Equal([l], tree.Serve(ProofPlan.ForConsistency(4, 7), 7));
        Assert.Equal([j, g, k], tree.Serve(ProofPlan.ForConsistency(6, 7), 7));

        // l crosses the right border of a 7-leaf tree: the plan reads its two stored parts, j and g.
        Assert.Equal("[(0, 2)] [(0, 3)] [(1, 0)] [(1, 2)+(0, 6)]", ProofPlan.ForConsistency(3, 7).ToString());
    }

    [Fact]
    public void Govuk_country_register_proofs_match_the_specification()
    {
        // Leaf bytes of user entry n as GOV.UK v1 wrote them (testdata README); entry numbers start at 1.
        var rsf = File.ReadLines(TestData.PathOf("govuk", "orj", "country-data.rsf"))
            .Select(line => line.Split('\t'))
            .Where(cols => cols is ["append-entry", "user", ..]);
        var leafHashes = rsf.Select((cols, i) => MerkleHash.Leaf(Encoding.UTF8.GetBytes(
            $$"""{"index-entry-number":"{{i + 1}}","entry-number":"{{i + 1}}","entry-timestamp":"{{cols[3]}}","key":"{{cols[2]}}","item-hash":["{{cols[4]}}"]}""")))
            .ToArray();
        var v = Json("govuk", "spec-vectors.json").GetProperty("v1_merkle").GetProperty("country_data_rsf");
        Assert.Equal(v.GetProperty("user_entries").GetInt32(), leafHashes.Length);
        var tree = new NodeStore(leafHashes);

        Assert.Equal(v.GetProperty("root_208").GetString(), tree.RootAt(208).ToString());
        Assert.Equal(v.GetProperty("root_197").GetString(), tree.RootAt(197).ToString());
        Assert.Equal(v.GetProperty("root_200").GetString(), tree.RootAt(200).ToString());

        var consistency = tree.Serve(ProofPlan.ForConsistency(197, 200), 200);
        Assert.Equal(Strings(v.GetProperty("consistency_197_200")), consistency.Select(x => x.ToString()));
        Assert.True(ConsistencyProof.Verify(197, 200, tree.RootAt(197), tree.RootAt(200), consistency));

        // "Entry 10" is entry number 10, the leaf at 0-based index 9.
        var audit = tree.Serve(ProofPlan.ForInclusion(9, 200), 200);
        Assert.Equal(Strings(v.GetProperty("audit_path_entry10_size200")), audit.Select(x => x.ToString()));
        Assert.True(InclusionProof.Verify(leafHashes[9], 9, 200, audit, tree.RootAt(200)));
    }

    private static JsonElement Json(params string[] path) =>
        JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf(path))).RootElement;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(x => x.GetString()!)];

    private static string[] Hexes(JsonElement array) => Strings(array);

    private static Digest Hex(JsonElement obj, string name)
    {
        Assert.True(Digest.TryParseHex(obj.GetProperty(name).GetString(), out var digest));
        return digest;
    }
}
