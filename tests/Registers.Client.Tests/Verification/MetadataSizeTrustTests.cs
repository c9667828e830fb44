using Registers.Client.Verification;
using Registers.Protocol.Checkpoints;

namespace Registers.Client.Tests.Verification;

/// <summary>The signed metadata size of a user size is taken only as the pinned key's statement about this register at that size.</summary>
public sealed class MetadataSizeTrustTests : IDisposable
{
    private const string Origin = "registers.test/registers/school/metadata-size";
    private readonly SignerKey _key = SignerKey.Generate("registers.test");
    private readonly SignerKey _other = SignerKey.Generate("registers.test");

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    [Fact]
    public void A_statement_of_this_register_at_the_size_asked_gives_its_system_size()
    {
        Assert.Equal(7, Trust.VerifyMetadataSize("school", Signed(_key, Origin, 12, 7), 12));
    }

    [Theory]
    [InlineData("registers.test/registers/other/metadata-size")] // another register's
    [InlineData("registers.test/registers/school")] // the register's checkpoint origin
    public void A_statement_for_another_origin_is_refused(string origin)
    {
        var failure = Assert.Throws<VerificationException>(() => Trust.VerifyMetadataSize("school", Signed(_key, origin, 12, 7), 12));

        Assert.Equal(VerificationProblem.CheckpointSignature, failure.Problem);
    }

    [Fact]
    public void A_statement_signed_by_another_key_or_of_another_size_is_refused()
    {
        var otherKey = Assert.Throws<VerificationException>(() => Trust.VerifyMetadataSize("school", Signed(_other, Origin, 12, 7), 12));
        var otherSize = Assert.Throws<VerificationException>(() => Trust.VerifyMetadataSize("school", Signed(_key, Origin, 11, 7), 12));

        Assert.Equal(VerificationProblem.CheckpointSignature, otherKey.Problem);
        Assert.Equal(VerificationProblem.WrongAnswer, otherSize.Problem);
    }

    [Theory]
    [InlineData("registers.test/registers/school/metadata-size\n12\n07\n")]
    [InlineData("registers.test/registers/school/metadata-size\n12\n7\nextra\n")]
    [InlineData("registers.test/registers/school/metadata-size\n12\n-7\n")]
    [InlineData("registers.test/registers/school/metadata-size\n12\n7")]
    public void A_text_of_another_spelling_is_not_a_statement(string text)
    {
        Assert.False(MetadataSize.TryParse(text, out _));
        Assert.Throws<VerificationException>(() => Trust.VerifyMetadataSize("school", NoteSigner.Sign(text.EndsWith('\n') ? text : text + "x\n", _key).ToString(), 12));
    }

    private CheckpointTrust Trust => new(_key.VerifierKey);

    private static string Signed(SignerKey key, string origin, long userSize, long systemSize) =>
        NoteSigner.Sign(new MetadataSize(origin, userSize, systemSize).ToString(), key).ToString();
}
