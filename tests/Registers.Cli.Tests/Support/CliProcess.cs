using System.Diagnostics;

namespace Registers.Cli.Tests.Support;

/// <summary>The built <c>registers</c> executable as a process of its own, for what only a process has: a pipe on standard input, signals.</summary>
internal static class CliProcess
{
    /// <summary>Starts it with <paramref name="args"/>, its standard streams redirected, <paramref name="variables"/> added to its environment.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? variables = null)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "registers.exe" : "registers");
        var start = new ProcessStartInfo(executable, args) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
