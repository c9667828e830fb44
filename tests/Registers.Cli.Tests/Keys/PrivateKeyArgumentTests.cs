using Registers.Cli.Tests.Support;
using Registers.Protocol.Checkpoints;

namespace Registers.Cli.Tests.Keys;

/// <summary>
/// A private key given where a verifier key belongs is refused without being written back: messages end up in terminals,
/// logs and CI output, and the key is a custodian's secret.
/// </summary>
public sealed class PrivateKeyArgumentTests : IDisposable
{
    private readonly Custodian _custodian = new();
    private readonly SignerKey _secret = SignerKey.Generate("custodian.example/bob");

    public void Dispose()
    {
        _secret.Dispose();
        _custodian.Dispose();
    }

    [Theory]
    [InlineData("allow")]
    [InlineData("revoke")]
    public void A_custodian_key_command_given_a_private_key_says_so_without_writing_it_back(string verb)
    {
        var secret = _secret.ExportPrivateKey();

        var run = _custodian.Run("custodian-key", verb, secret);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Contains("private key", run.Error, StringComparison.Ordinal);
        // The seed, whole: PRIVATE+KEY+name+keyid+base64, whose base64 may itself hold '+' (the part after the last one may be a letter).
        Assert.DoesNotContain(secret.Split('+', 5)[4], run.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_file_given_as_the_log_key_to_trust_is_refused_as_one()
    {
        var keyFile = _custodian.Folder.SecretFile("bob.key", KeyFile.Write(_secret));

        var run = RegistersCli.Run(_custodian.Environment, "verify-record", "--server", "http://registers.test", "-r", "school", "--key-file", keyFile, "100001");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("private key", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret.ExportPrivateKey()[^20..], run.ToString(), StringComparison.Ordinal);
    }
}
