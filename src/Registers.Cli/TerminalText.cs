using System.Globalization;
using System.Text;

namespace Registers.Cli;

/// <summary>
/// A line as the command writes it: control characters other than newline and tab shown as <c>\uXXXX</c>. Much of what a
/// command shows came from a server (a problem's detail, an entry's fields in the evidence of a failed check), and a
/// server can put anything a JSON string holds there: written as they came, ESC, CR or CSI would move the cursor and
/// rewrite the lines before, erasing "NOT VERIFIED" and writing what the server likes in its place.
/// </summary>
internal static class TerminalText
{
    /// <summary><paramref name="line"/> with its control characters, but newlines and tabs, escaped.</summary>
    public static string Escape(string line)
    {
        if (!line.Any(IsEscaped))
        {
            return line;
        }

        var escaped = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            if (IsEscaped(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    // C0 and C1 controls and DEL; newline and tab only lay text out.
    private static bool IsEscaped(char c) => char.IsControl(c) && c is not ('\n' or '\t');
}
