using System.Text.RegularExpressions;

namespace Registers.Cli.Tests.Readme;

/// <summary>
/// Compares output with what a README shows: line for line, trailing spaces and trailing empty lines ignored, an
/// ellipsis (<c>…</c>) standing for any text within its line (a signature, a key made on the spot).
/// </summary>
internal static class ExpectedOutput
{
    public const string Elided = "…";

    public static bool Matches(string expected, string actual)
    {
        var pattern = string.Join('\n', Lines(expected).Select(line => string.Join("[^\n]*", line.Split(Elided).Select(Regex.Escape))));
        return Regex.IsMatch(string.Join('\n', Lines(actual)), $"^{pattern}$", RegexOptions.None, TimeSpan.FromSeconds(5));
    }

    private static IEnumerable<string> Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
