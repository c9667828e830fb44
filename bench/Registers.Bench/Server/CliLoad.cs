using System.Diagnostics;

namespace Registers.Bench.Server;

/// <summary>
/// The bulk load as a custodian makes it: <c>registers load FILE</c>, the command's own Release build as a process of
/// its own, which checks the file offline, then sends it in signed batches (its default size) over HTTP, each checked
/// against the size it extends. The figure is the command's whole run, from start to exit.
/// </summary>
internal static class CliLoad
{
    /// <summary>Runs the command against <paramref name="server"/>; returns its seconds and the last line it wrote (its own summary).</summary>
    public static async Task<(double Seconds, string Summary)> RunAsync(BenchServer server, string file, string register)
    {
        var cli = BuiltAssembly.Of("Registers.Cli", "registers.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli, "load", file, "--server", server.Address.ToString(), "--key", server.AdminKeyFile, "--register", register })
        {
            start.ArgumentList.Add(argument);
        }

        var timer = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {cli}.");
        using var interruption = Interruption.OnInterrupt(() => process.Kill(entireProcessTree: true));
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = timer.Elapsed.TotalSeconds;
        var diagnostics = await errors;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"registers load exited {process.ExitCode}:\n{await output}\n{diagnostics[^Math.Min(diagnostics.Length, 4000)..]}");
        }

        var summary = diagnostics.Split('\n', '\r').Select(line => line.Trim()).LastOrDefault(line => line.StartsWith("registers load: done:", StringComparison.Ordinal))?["registers load: ".Length..] ?? "";
        return (seconds, summary);
    }
}
