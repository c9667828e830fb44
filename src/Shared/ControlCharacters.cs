using System.Globalization;
using System.Text;

namespace Registers.Shared;

/// <summary>
/// Text to show a person, with its control characters other than newline and tab written as <c>\uXXXX</c>. Much of what
/// the command line writes and evidence keeps came from a server (a problem's detail, an entry's fields), and a server
/// can put anything a JSON string holds there: shown as they came, ESC, CR or CSI would move a terminal's cursor and
/// rewrite the lines before, erasing "NOT VERIFIED" and writing what the server likes in its place.
/// </summary>
internal static class ControlCharacters
{
    /// <summary><paramref name="text"/> with its control characters, but newlines and tabs, escaped.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(IsEscaped))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
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
