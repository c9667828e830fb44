using System.Text.Json;

namespace Registers.Protocol.Fields.Formats;

/// <summary>
/// Point and polygon. The specification left both as work in progress ("a subset of WKT POINT /
/// POLYGON"), but the only implementation GOV.UK ran, openregister-java's PointDatatype, accepted a
/// bracketed coordinate pair such as <c>[-1.5, 52.1]</c>: a GeoJSON position (RFC 7946). So a point is
/// a GeoJSON position, <c>[x, y]</c> or <c>[x, y, z]</c>, and a polygon is the <c>coordinates</c> of a
/// GeoJSON Polygon: an array of linear rings, each an array of at least four positions whose first
/// and last are the same. Whitespace is allowed as JSON allows it. Coordinates are not range-checked:
/// no register said which reference system its numbers are in.
/// </summary>
internal static class GeometryFormats
{
    private const string PointShape = "expected a GeoJSON position [x, y] or [x, y, z]";
    private const string PolygonShape = "expected GeoJSON polygon coordinates [[[x, y], ...], ...]";

    /// <summary>Null when <paramref name="value"/> is a point; otherwise why not.</summary>
    public static string? CheckPoint(ReadOnlySpan<byte> value)
    {
        try
        {
            var reader = new Utf8JsonReader(value);
            return reader.Read() && ReadPosition(ref reader, out _) && !reader.Read() ? null : PointShape;
        }
        catch (JsonException)
        {
            return PointShape;
        }
    }

    /// <summary>Null when <paramref name="value"/> is a polygon; otherwise why not.</summary>
    public static string? CheckPolygon(ReadOnlySpan<byte> value)
    {
        try
        {
            var reader = new Utf8JsonReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return PolygonShape;
            }

            var rings = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                var problem = ReadRing(ref reader);
                if (problem is not null)
                {
                    return problem;
                }

                rings++;
            }

            return reader.TokenType == JsonTokenType.EndArray && rings > 0 && !reader.Read() ? null : PolygonShape;
        }
        catch (JsonException)
        {
            return PolygonShape;
        }
    }

    // At the '[' of a ring: positions up to the matching ']'.
    private static string? ReadRing(ref Utf8JsonReader reader)
    {
        Span<double> first = stackalloc double[3];
        Span<double> last = stackalloc double[3];
        var count = 0;
        var firstLength = 0;
        var lastLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!ReadPosition(ref reader, out var position))
            {
                return PolygonShape;
            }

            lastLength = position.Length;
            position.Coordinates[..lastLength].CopyTo(last);
            if (count++ == 0)
            {
                firstLength = lastLength;
                last.CopyTo(first);
            }
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            return PolygonShape;
        }

        if (count < 4)
        {
            return "a linear ring has at least four positions";
        }

        return firstLength == lastLength && first[..firstLength].SequenceEqual(last[..lastLength])
            ? null
            : "a linear ring must end where it starts";
    }

    // At a '[': two or three numbers and the closing ']'.
    private static bool ReadPosition(ref Utf8JsonReader reader, out Position position)
    {
        position = default;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            if (position.Length == 3 || !reader.TryGetDouble(out var coordinate) || !double.IsFinite(coordinate))
            {
                return false;
            }

            position.Coordinates[position.Length++] = coordinate;
        }

        return reader.TokenType == JsonTokenType.EndArray && position.Length >= 2;
    }

    private struct Position
    {
        public Coordinates3 Coordinates;
        public int Length;
    }

    [System.Runtime.CompilerServices.InlineArray(3)]
    private struct Coordinates3
    {
        private double _element;
    }
}
