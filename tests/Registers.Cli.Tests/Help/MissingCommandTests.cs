using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Help;

/// <summary>
/// A command line that names no command is a usage error, at the top as on a branch: the help is printed and the exit code
/// is 2, whereas help asked for with <c>--help</c> is the answer, exit 0.
/// </summary>
public sealed class MissingCommandTests
{
    [Theory]
    [InlineData]
    [InlineData("audit")]
    [InlineData("custodian-key")]
    public void No_command_prints_the_help_on_standard_error_and_exits_with_the_usage_error_code(params string[] args)
    {
        var run = RegistersCli.Run(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Out);
        Assert.Contains($"registers{string.Concat(args.Select(arg => " " + arg))} [OPTIONS] <COMMAND>", run.Error, StringComparison.Ordinal);
        Assert.EndsWith($"registers{string.Concat(args.Select(arg => " " + arg))}: no command given: name one of the commands above\n", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("audit", "--help")]
    [InlineData("custodian-key", "-h")]
    public void Help_asked_for_prints_it_on_standard_output_and_exits_0(params string[] args)
    {
        var run = RegistersCli.Run(args);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[OPTIONS] <COMMAND>", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task The_executable_alone_exits_with_the_usage_error_code()
    {
        using var process = CliProcess.Start([]);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}\n{output}{await error}");
        Assert.Equal("", output);
        Assert.Contains("USAGE:", await error, StringComparison.Ordinal);
    }
}
