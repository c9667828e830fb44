using Registers.Protocol.Hashing;

namespace Registers.Protocol.Tests.Hashing;

public sealed class DigestTests
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Of_empty_input_is_the_well_known_empty_sha256()
    {
        Assert.Equal(EmptySha256, Digest.Of([]).ToHex());
        Assert.Equal("sha-256:" + EmptySha256, MerkleHash.EmptyRoot.ToString());
    }

    [Fact]
    public void Parse_round_trips_the_govuk_form()
    {
        var digest = Digest.Parse("sha-256:" + EmptySha256);
        Assert.Equal(Digest.Of([]), digest);
        Assert.True(Digest.TryParseBase64(digest.ToBase64(), out var fromBase64));
        Assert.Equal(digest, fromBase64);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha-256:")]
    [InlineData(EmptySha256)]
    [InlineData("sha-256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("sha-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555")]
    [InlineData("sha-256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha-512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void TryParse_refuses_anything_but_sha256_colon_64_lowercase_hex(string text) =>
        Assert.False(Digest.TryParse(text, out _));

    [Fact]
    public void Leaf_and_node_hashes_match_rfc6962_reference_values()
    {
        // Leaf hashes of "" and 0x00 from the RFC 6962 reference vectors; their parent is the size-2 root.
        var empty = MerkleHash.Leaf([]);
        var zero = MerkleHash.Leaf([0x00]);
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", empty.ToHex());
        Assert.Equal("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", zero.ToHex());
        Assert.Equal("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125", MerkleHash.Node(empty, zero).ToHex());
    }

    [Fact]
    public void Leaf_hash_of_large_input_equals_the_prefixed_sha256()
    {
        var data = new byte[5000];
        new Random(7).NextBytes(data);
        var expected = Digest.Of([0x00, .. data]);
        Assert.Equal(expected, MerkleHash.Leaf(data));
    }
}
