using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Help;

/// <summary>What each command's help says matches what the command does.</summary>
public sealed class HelpTextTests
{
    [Theory]
    [InlineData("verify-record")]
    [InlineData("audit", "follow")]
    [InlineData("audit", "full")]
    [InlineData("mirror")]
    public void Verifying_commands_say_the_reason_goes_to_standard_error_and_the_evidence_to_standard_output(params string[] command)
    {
        var help = Help(command);

        Assert.Contains("the reason on standard error, the evidence on standard output", help, StringComparison.Ordinal);
        Assert.DoesNotContain("the reason and the evidence on standard output", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("verify-record")]
    [InlineData("audit", "full")]
    public void Commands_that_do_not_write_say_their_key_option_is_only_for_writes(params string[] command)
    {
        // --key is accepted by every command that talks to a server, but only writes are signed with it.
        Assert.Contains("used only by commands that write", Help(command), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("append")]
    [InlineData("load")]
    [InlineData("import")]
    [InlineData("custodian-key", "allow")]
    [InlineData("custodian-key", "revoke")]
    [InlineData("verify-record")]
    [InlineData("audit", "follow")]
    [InlineData("audit", "full")]
    [InlineData("mirror")]
    [InlineData("status")]
    public void Commands_that_exit_3_on_a_408_say_so_with_exit_code_3(params string[] command)
    {
        // A 408 is the server's own timeout, exit 3 as the client's is (RequestTimeoutAnswerTests), not a refusal (exit 1).
        Assert.Matches(@"; 3 [^;]*\b408\b[^;]*;", Help(command));
    }

    // Spectre wraps help to the console's width: joined again, a phrase is found whatever the wrapping.
    private static string Help(string[] command)
    {
        var run = RegistersCli.Run([.. command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        return string.Join(' ', run.Out.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
    }
}
