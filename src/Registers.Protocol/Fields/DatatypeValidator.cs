using System.Buffers;
using System.Text;
using Registers.Protocol.Fields.Formats;

namespace Registers.Protocol.Fields;

/// <summary>
/// Checks one value against one datatype, on UTF-8 bytes. Each datatype's exact format, and the
/// evidence for it, is documented on its checker; <see cref="Datatype"/> summarises them.
/// </summary>
/// <remarks>A CURIE here must have a prefix; the relative form (a bare key) needs the field's linked
/// register and is checked by <see cref="ItemValidator"/>.</remarks>
public static class DatatypeValidator
{
    /// <summary>Whether <paramref name="utf8Value"/> (unescaped) is a valid <paramref name="datatype"/>; when not, why.</summary>
    public static bool IsValid(Datatype datatype, ReadOnlySpan<byte> utf8Value, out string reason)
    {
        var problem = Check(datatype, utf8Value);
        reason = problem ?? "";
        return problem is null;
    }

    /// <inheritdoc cref="IsValid(Datatype, ReadOnlySpan{byte}, out string)"/>
    public static bool IsValid(Datatype datatype, string value, out string reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, rented);
        var valid = IsValid(datatype, rented.AsSpan(0, length), out reason);
        ArrayPool<byte>.Shared.Return(rented);
        return valid;
    }

    /// <summary>Null when valid, otherwise the reason.</summary>
    internal static string? Check(Datatype datatype, ReadOnlySpan<byte> value) => datatype switch
    {
        Datatype.String or Datatype.Text => TextFormats.CheckString(value),
        Datatype.Integer => NumberFormats.CheckInteger(value),
        Datatype.Decimal => NumberFormats.CheckDecimal(value),
        Datatype.Boolean => TextFormats.CheckBoolean(value),
        Datatype.Datetime => DatetimeFormat.CheckDatetime(value),
        Datatype.Timestamp => DatetimeFormat.CheckTimestamp(value),
        Datatype.Period => PeriodFormat.Check(value),
        Datatype.Point => GeometryFormats.CheckPoint(value),
        Datatype.Polygon => GeometryFormats.CheckPolygon(value),
        Datatype.Url => UrlAndCurieFormats.CheckUrl(value),
        Datatype.Curie => UrlAndCurieFormats.CheckCurie(value),
        Datatype.Hash => TextFormats.CheckHash(value),
        Datatype.Name => TextFormats.CheckName(value),
        _ => throw new ArgumentOutOfRangeException(nameof(datatype), datatype, "Unknown datatype."),
    };
}
