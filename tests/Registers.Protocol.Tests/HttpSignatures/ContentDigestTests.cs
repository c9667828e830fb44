using System.Text;
using Registers.Protocol.Hashing;
using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

public sealed class ContentDigestTests
{
    // RFC 9530 section 2 and Appendix B: the digests of the content {"hello": "world"} (18 bytes, no
    // newline). Both were recomputed with openssl dgst -binary | base64 when this test was written.
    private const string Sha256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
    private const string Sha512 = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"hello\": \"world\"}");

    [Fact]
    public void The_content_digest_of_hello_world_is_the_rfc_9530_value()
    {
        Assert.Equal(Sha256, ContentDigest.Of(Body));
        Assert.Equal(Sha256, ContentDigest.Format(Digest.Of(Body)));
    }

    [Fact]
    public void The_content_digest_of_an_empty_body_is_the_sha256_of_nothing()
    {
        Assert.Equal("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:", ContentDigest.Of([]));
    }

    [Theory]
    [InlineData(Sha256)]
    [InlineData(Sha256 + ", " + Sha512)]
    [InlineData(Sha512 + ",\t" + Sha256)]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE:")]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:;note=1, md5=:AAAA:")]
    public void A_field_listing_the_bodys_sha256_matches_whatever_else_it_lists(string field)
    {
        Assert.Equal(ContentDigestProblem.None, ContentDigest.Check(field, Body));
        Assert.True(ContentDigest.TryParseSha256(field, out var stated, out _));
        Assert.Equal(Digest.Of(Body), stated);
    }

    public static TheoryData<string?, ContentDigestProblem> Refused => new()
    {
        { null, ContentDigestProblem.Missing },
        { "", ContentDigestProblem.Missing },
        { "  ", ContentDigestProblem.Missing },
        { Sha512, ContentDigestProblem.NoSha256 },
        { "sha-256=:" + Convert.ToBase64String(new byte[32]) + ":", ContentDigestProblem.Mismatch },
        { "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE", ContentDigestProblem.Malformed },
        { "sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\"", ContentDigestProblem.Malformed },
        { "sha-256=:AAAA:", ContentDigestProblem.Malformed },
        { "sha-256=(:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:)", ContentDigestProblem.Malformed },
        { "sha-256", ContentDigestProblem.Malformed },
        { Sha256 + ", " + Sha256, ContentDigestProblem.Malformed },
        { "SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", ContentDigestProblem.Malformed },
        { "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=: garbage", ContentDigestProblem.Malformed },
        { "sha-256:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=", ContentDigestProblem.Malformed },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Fields_that_do_not_vouch_for_the_body_say_why(string? field, ContentDigestProblem expected)
    {
        Assert.Equal(expected, ContentDigest.Check(field, Body));
        Assert.Equal(expected, ContentDigest.Check(field, Digest.Of(Body)));
    }

    [Fact]
    public void A_changed_body_no_longer_matches()
    {
        var changed = Encoding.UTF8.GetBytes("{\"hello\": \"World\"}");

        Assert.Equal(ContentDigestProblem.Mismatch, ContentDigest.Check(Sha256, changed));
    }
}
