using System.Globalization;
using System.Text;

namespace Registers.Shared;

/// <summary>
/// Text to show a person, with its control characters other than newline and tab written as <c>\uXXXX</c>. Much of what
/// the command line writes and evidence keeps came from a server (a problem's detail, an entry's fields), and a server
/// can put anything a JSON string holds there: shown as they came, ESC, CR or CSI would move a terminal's cursor and
/// rewrite the lines before, erasing "NOT VERIFIED" and writing what the server likes in its place. Unicode's
/// bidirectional controls (embeddings, overrides, isolates and marks) are escaped too: they make a terminal or an editor
/// show text in another order than it is written in ("Trojan Source"), "NOT VERIFIED" read backwards or moved.
/// </summary>
internal static class ControlCharacters
{
    /// <summary><paramref name="text"/> with its control characters, but newlines and tabs, and its bidirectional controls escaped.</summary>
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
    private static bool IsEscaped(char c) => (char.IsControl(c) && c is not ('\n' or '\t')) || IsBidirectionalControl(c);

    // LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI; LRM, RLM; ALM (Unicode's UAX #9).
    private static bool IsBidirectionalControl(char c) =>
        c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c';
}
