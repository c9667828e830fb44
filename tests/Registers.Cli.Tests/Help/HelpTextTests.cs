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

    // Spectre wraps help to the console's width: joined again, a phrase is found whatever the wrapping.
    private static string Help(string[] command)
    {
        var run = RegistersCli.Run([.. command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        return string.Join(' ', run.Out.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
    }
}
