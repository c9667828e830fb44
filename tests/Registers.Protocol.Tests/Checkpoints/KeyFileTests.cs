using Registers.Protocol.Checkpoints;

namespace Registers.Protocol.Tests.Checkpoints;

public sealed class KeyFileTests
{
    [Fact]
    public void A_signer_key_file_reads_back_as_the_same_key_even_with_windows_line_ends()
    {
        using var key = SignerKey.Generate("registers.example/country");
        var file = KeyFile.Write(key);

        using var read = KeyFile.ReadSigner(file);
        using var readCrlf = KeyFile.ReadSigner(file.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(key.ExportPrivateKey() + "\n", file);
        Assert.Equal(key.VerifierKey, read.VerifierKey);
        Assert.Equal(key.VerifierKey, readCrlf.VerifierKey);
    }

    [Fact]
    public void A_verifier_key_file_lists_one_key_a_line_and_skips_comments_and_blank_lines()
    {
        using var a = SignerKey.Generate("custodian.example/alice");
        using var b = SignerKey.Generate("witness.example/w1", SignatureType.Ed25519CosignatureV1);
        var file = $"# trusted keys\n\n{a.VerifierKey}\r\n  # a witness\n{b.VerifierKey}  \n";

        var keys = KeyFile.ReadVerifiers(file);

        Assert.Equal([a.VerifierKey, b.VerifierKey], keys);
        Assert.Equal($"{a.VerifierKey}\n{b.VerifierKey}\n", KeyFile.Write(keys));
        Assert.Equal(keys, KeyFile.ReadVerifiers(KeyFile.Write(keys)));
    }

    [Fact]
    public void A_bad_line_in_a_verifier_key_file_is_reported_by_number()
    {
        using var a = SignerKey.Generate("custodian.example/alice");

        var error = Assert.Throws<FormatException>(() => KeyFile.ReadVerifiers($"{a.VerifierKey}\n# fine\nnot a key\n"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signer_key_file_must_hold_a_private_key()
    {
        using var a = SignerKey.Generate("custodian.example/alice");

        Assert.Throws<FormatException>(() => KeyFile.ReadSigner(a.VerifierKey + "\n"));
        Assert.Throws<FormatException>(() => KeyFile.ReadSigner(KeyFile.Write(a) + KeyFile.Write(a)));
    }
}
