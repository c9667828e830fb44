using System.Diagnostics;
using System.Globalization;

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

    /// <summary>Sends <paramref name="signal"/> (a name such as <c>INT</c> or <c>TERM</c>) to <paramref name="process"/>, as a terminal's Ctrl-C or a supervisor would.</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }
}
