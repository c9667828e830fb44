using System.Globalization;
using System.Text.RegularExpressions;
using Registers.Client.Problems;

namespace Registers.Cli.Writes;

/// <summary>
/// How many problems a refused batch had in all. The server lists at most so many, and says the total only in its detail
/// ("Nothing was written: 250 problem(s), the first: ..."), which is not shown when the listed problems are placed in the file.
/// </summary>
internal static partial class ProblemTotal
{
    /// <summary>The total the server's detail gives, or null when it gives none.</summary>
    public static int? Of(RegistersProblem problem) =>
        problem.Detail is { } detail && Counted().Match(detail) is { Success: true } match
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;

    /// <summary>"  ... and N more problems (T in all)" when the server listed fewer than it found, else null.</summary>
    public static string? Unlisted(RegistersProblem problem) =>
        Of(problem) is { } total && total > problem.Errors.Count
            ? $"  ... and {total - problem.Errors.Count:N0} more problem{(total - problem.Errors.Count == 1 ? "" : "s")} ({total:N0} in all)"
            : null;

    [GeneratedRegex(@"^Nothing was written: (\d+) problem\(s\)", RegexOptions.CultureInvariant)]
    private static partial Regex Counted();
}
