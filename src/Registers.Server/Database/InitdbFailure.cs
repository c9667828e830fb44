using System.Text.RegularExpressions;
using Registers.Server.Hosting;

namespace Registers.Server.Database;

/// <summary>
/// A failed initdb in the one line an operator reads first: its last FATAL or PANIC (the bootstrap backend's, as on a
/// full disk; read as a server's log is, see <see cref="PostgresFatal"/>), else its last error, else its last line. initdb's whole output runs to some twenty lines of steps done,
/// with the reason near the end.
/// </summary>
internal static partial class InitdbFailure
{
    /// <summary>The start-up failure of an initdb that ended with <paramref name="exitCode"/>, having printed <paramref name="output"/>.</summary>
    public static StartupException For(string dataDirectory, int exitCode, string output) => new(
        $"initdb could not make the private PostgreSQL cluster in {dataDirectory} (exit code {exitCode}): {Reason(output)}. " +
        "Make room or access there, or choose another folder with --Registers:DataDirectory.");

    /// <summary>The line of <paramref name="output"/> that says why initdb failed, without its timestamp and process.</summary>
    internal static string Reason(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return PostgresFatal.Last(lines)
               ?? PostgresFatal.OneLine(lines.Select(line => Error().Match(line)).LastOrDefault(match => match.Success)?.Value
                                        ?? lines.LastOrDefault()
                                        ?? "it printed nothing");
    }

    [GeneratedRegex(@"\berror:\s.*$")]
    private static partial Regex Error();
}
