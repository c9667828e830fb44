using System.Globalization;

namespace Registers.Cli.Import;

/// <summary>
/// A cell as a problem quotes it: whole when short, else its start and its length, so that a wrong file (a line of
/// megabytes without a newline, a column of pasted text) is told of in lines a terminal can show.
/// </summary>
internal static class QuotedCell
{
    /// <summary>The most characters of a cell a problem shows.</summary>
    private const int MaxShown = 60;

    public static string Of(string cell)
    {
        if (cell.Length <= MaxShown)
        {
            return cell;
        }

        // Not cut between the two halves of a surrogate pair, which would print as a replacement character.
        var shown = char.IsHighSurrogate(cell[MaxShown - 1]) ? MaxShown - 1 : MaxShown;
        return string.Create(CultureInfo.InvariantCulture, $"{cell[..shown]}… ({cell.Length:N0} characters)");
    }
}
