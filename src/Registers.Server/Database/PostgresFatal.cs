using System.Text.RegularExpressions;

namespace Registers.Server.Database;

/// <summary>
/// The line an operator reads first in what PostgreSQL printed (a server's log, or initdb's run of its bootstrap backend):
/// the last FATAL or PANIC message. The reason a PostgreSQL program gave up is its last such message, near the end of
/// lines of progress and earlier runs.
/// </summary>
internal static partial class PostgresFatal
{
    /// <summary>
    /// The last FATAL or PANIC message of <paramref name="lines"/>, without the line's prefix (timestamp, process), with the
    /// DETAIL and HINT lines that follow it, in one line; null if there is none.
    /// </summary>
    public static string? Last(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var last = lines.Count - 1;
        while (last >= 0 && !Fatal().IsMatch(lines[last]))
        {
            last--;
        }

        if (last < 0)
        {
            return null;
        }

        var message = new List<string> { Fatal().Match(lines[last]).Value };
        message.AddRange(lines.Skip(last + 1).TakeWhile(line => Explanation().IsMatch(line)).Select(line => Explanation().Match(line).Value));
        return OneLine(string.Join(" ", message));
    }

    /// <summary><paramref name="text"/> with each run of white space (line breaks too) made one space.</summary>
    public static string OneLine(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\b(?:FATAL|PANIC):\s.*$")]
    private static partial Regex Fatal();

    [GeneratedRegex(@"\b(?:DETAIL|HINT):\s.*$")]
    private static partial Regex Explanation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
