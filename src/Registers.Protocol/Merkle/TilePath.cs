using System.Globalization;
using System.Text;

namespace Registers.Protocol.Merkle;

/// <summary>
/// The C2SP tlog-tiles resource paths: <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> for hash tiles and
/// <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c> for entry bundles. N is written in zero-padded groups of three
/// digits, all but the last prefixed with <c>x</c> (1234067 is <c>x001/x234/067</c>), so a file system can
/// hold the tiles without a file and a folder of the same name. Parsing accepts only the one canonical
/// spelling of each tile, so a path and a tile map one to one.
/// </summary>
public static class TilePath
{
    private const string Prefix = "tile/";
    private const string EntriesPrefix = "tile/entries/";
    private const string PartialMarker = ".p/";

    /// <summary>The path of a hash tile, e.g. <c>tile/0/x001/x234/067</c> or <c>tile/1/000.p/17</c>.</summary>
    public static string Format(TileId tile) => $"{Prefix}{tile.Level}/{IndexAndWidth(tile)}";

    /// <summary>The path of the entry bundle beside a level-0 tile, e.g. <c>tile/entries/273.p/112</c>.</summary>
    /// <exception cref="ArgumentException">The tile is not at level 0.</exception>
    public static string FormatEntries(TileId tile) =>
        tile.Level == 0
            ? EntriesPrefix + IndexAndWidth(tile)
            : throw new ArgumentException($"Entry bundles go with level-0 tiles, not level {tile.Level}.", nameof(tile));

    /// <summary>Parses a hash tile path; refuses entry bundle paths and every non-canonical spelling.</summary>
    public static bool TryParse(ReadOnlySpan<char> path, out TileId tile)
    {
        tile = default;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[Prefix.Length..];
        var slash = rest.IndexOf('/');
        if (slash < 0
            || !TryParseDecimal(rest[..slash], TileId.MaxLevel, out var level)
            || !TryParseIndexAndWidth(rest[(slash + 1)..], out var index, out var width))
        {
            return false;
        }

        tile = new TileId(level, index, width);
        return true;
    }

    /// <summary>Parses an entry bundle path into the level-0 tile it goes with.</summary>
    public static bool TryParseEntries(ReadOnlySpan<char> path, out TileId tile)
    {
        tile = default;
        if (!path.StartsWith(EntriesPrefix, StringComparison.Ordinal)
            || !TryParseIndexAndWidth(path[EntriesPrefix.Length..], out var index, out var width))
        {
            return false;
        }

        tile = new TileId(0, index, width);
        return true;
    }

    private static string IndexAndWidth(TileId tile)
    {
        var text = new StringBuilder();
        AppendIndex(text, tile.Index);
        if (tile.IsPartial)
        {
            text.Append(PartialMarker).Append(tile.Width.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static void AppendIndex(StringBuilder text, ulong index)
    {
        // Highest group first; every group but the last is a folder, marked with x.
        var groups = new List<int>();
        do
        {
            groups.Add((int)(index % 1000));
            index /= 1000;
        }
        while (index > 0);

        for (var i = groups.Count - 1; i > 0; i--)
        {
            text.Append('x').Append(groups[i].ToString("D3", CultureInfo.InvariantCulture)).Append('/');
        }

        text.Append(groups[0].ToString("D3", CultureInfo.InvariantCulture));
    }

    private static bool TryParseIndexAndWidth(ReadOnlySpan<char> text, out ulong index, out int width)
    {
        index = 0;
        width = TileId.FullWidth;
        var marker = text.IndexOf(PartialMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            if (!TryParseDecimal(text[(marker + PartialMarker.Length)..], TileId.FullWidth - 1, out width) || width == 0)
            {
                return false;
            }

            text = text[..marker];
        }

        for (var first = true; ; first = false)
        {
            var slash = text.IndexOf('/');
            var isLast = slash < 0;
            var element = isLast ? text : text[..slash];

            // Folders are x + 3 digits, the file 3 digits; a leading zero group would be a second spelling.
            if (!isLast && (element.Length != 4 || element[0] != 'x'))
            {
                return false;
            }

            if (!TryParseGroup(isLast ? element : element[1..], out var group)
                || (first && !isLast && group == 0)
                || index > (ulong.MaxValue - group) / 1000)
            {
                return false;
            }

            index = (index * 1000) + group;
            if (isLast)
            {
                return true;
            }

            text = text[(slash + 1)..];
        }
    }

    private static bool TryParseGroup(ReadOnlySpan<char> text, out uint group)
    {
        group = 0;
        if (text.Length != 3)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            group = (group * 10) + (uint)(c - '0');
        }

        return true;
    }

    /// <summary>A decimal of at most <paramref name="max"/> (below 1000) with no sign and no leading zero.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<char> text, int max, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 3 || (text[0] == '0' && text.Length > 1))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }
}
