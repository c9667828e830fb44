using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Readme;

/// <summary>The README opens with the two commands a newcomer runs; CI must run the very same test command.</summary>
public sealed class ReadmeCommandsTests
{
    [Fact]
    public void The_readmes_first_block_starts_the_demo_and_runs_the_tests_with_the_command_ci_runs()
    {
        var first = MarkdownBlocks.Read(File.ReadAllText(Checkout.PathOf("README.md")))[0];
        var commands = first.Text.Split('\n').Select(CommandOf).Where(command => command.Length > 0).ToList();

        Assert.Equal("sh", first.Info);
        Assert.Equal(["scripts/demo.sh", "scripts/test.sh"], commands);
        Assert.Equal(commands[1], CiCommand());
        if (!OperatingSystem.IsWindows())
        {
            foreach (var command in commands)
            {
                Assert.True(File.GetUnixFileMode(Checkout.PathOf(command)).HasFlag(UnixFileMode.UserExecute), $"{command} is not executable");
            }
        }
    }

    /// <summary>The command <c>.ci/run</c> hands over to: its last line, without <c>exec</c>.</summary>
    private static string CiCommand()
    {
        var lines = File.ReadLines(Checkout.PathOf(".ci", "run")).Select(CommandOf).Where(line => line.Length > 0).ToList();
        Assert.StartsWith("exec ", lines[^1], StringComparison.Ordinal);
        return lines[^1]["exec ".Length..].Trim();
    }

    /// <summary>A shell line without its comment and surrounding spaces.</summary>
    private static string CommandOf(string line) => (line.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? line[..hash] : line).Trim();
}
