using System.Diagnostics;
using System.Globalization;

namespace Registers.Server.Tests.Support;

/// <summary>Signals sent to a process by number, as a supervisor or a terminal would send them.</summary>
public static class Signals
{
    /// <summary>Sends <paramref name="signal"/> (a name such as <c>INT</c>, <c>TERM</c> or <c>KILL</c>) to process <paramref name="pid"/>.</summary>
    public static async Task SendAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])
                         ?? throw new InvalidOperationException("Could not run kill.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed ({kill.ExitCode}).");
        }
    }
}
