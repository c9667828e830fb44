using System.Globalization;

namespace Registers.Cli.Load;

/// <summary>Lines of a file as a reader finds them: runs of consecutive lines as ranges, "2-15, 96-97".</summary>
internal static class FileLineRanges
{
    /// <summary>Ranges named before the rest are left out: a batch's items may come from anywhere in the file.</summary>
    private const int MostNamed = 8;

    /// <summary><paramref name="lines"/> (in any order, repeats allowed) as ranges, the first <see cref="MostNamed"/> of them and "..." after.</summary>
    public static string Of(IEnumerable<long> lines)
    {
        var ranges = new List<(long First, long Last)>();
        foreach (var line in lines.Distinct().Order())
        {
            if (ranges.Count > 0 && ranges[^1].Last == line - 1)
            {
                ranges[^1] = (ranges[^1].First, line);
            }
            else
            {
                ranges.Add((line, line));
            }
        }

        var named = ranges.Take(MostNamed).Select(range => range.First == range.Last
            ? range.First.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{range.First}-{range.Last}"));
        return string.Join(", ", named) + (ranges.Count > MostNamed ? ", ..." : "");
    }
}
