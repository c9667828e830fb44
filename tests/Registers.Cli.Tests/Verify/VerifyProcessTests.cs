using System.Diagnostics;
using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Verify;

public sealed class VerifyProcessTests
{
    [Fact]
    public async Task The_built_executable_exits_1_on_a_file_with_problems_with_the_listing_on_standard_output()
    {
        // The one test that starts a process: the others run the same app in-process.
        using var file = TempFile.With("add-item\t{\"a\":\"b\"}\n");
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "registers.exe" : "registers");
        var start = new ProcessStartInfo(executable, ["verify", file.Path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("errors: 1\n  line 1: item sha-256:", output, StringComparison.Ordinal);
    }
}
