using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Files;

/// <summary>How a command that cannot use a path must end: as <c>FileProblem</c> says it.</summary>
internal static class PlainFileProblem
{
    /// <summary>Exit 2 and one line on standard error holding <paramref name="problem"/>: no runtime message, no stack trace.</summary>
    public static void SaysOnly(CliRun run, string problem)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Access to the path", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find a part of the path", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
