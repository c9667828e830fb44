namespace Registers.Protocol.Fields.Formats;

/// <summary>
/// Integer (specification integer-datatype: <c>"0" / ["-"] non-zero *digit</c>, any size, no leading
/// zeros, no <c>+</c>, no exponent) and decimal. GOV.UK never specified decimal; it is defined here as
/// the integer rule for the whole part followed by an optional <c>"." 1*digit</c>, with no exponent and
/// no negative zero (<c>-0</c>, <c>-0.0</c>), so that each number has few spellings and none are surprising.
/// </summary>
internal static class NumberFormats
{
    /// <summary>Null when <paramref name="value"/> is an integer; otherwise why not.</summary>
    public static string? CheckInteger(ReadOnlySpan<byte> value)
    {
        var length = WholePart(value, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        return length == value.Length ? null : "an integer is digits with an optional leading '-'";
    }

    /// <summary>Null when <paramref name="value"/> is a decimal; otherwise why not.</summary>
    public static string? CheckDecimal(ReadOnlySpan<byte> value)
    {
        var length = WholePart(value, out var problem, allowNegativeZero: true);
        if (problem is not null)
        {
            return problem;
        }

        var fraction = value[length..];
        if (!fraction.IsEmpty && (fraction[0] != (byte)'.' || fraction.Length == 1 || fraction[1..].ContainsAnyExceptInRange((byte)'0', (byte)'9')))
        {
            return "a decimal is an integer part, then optionally '.' and digits";
        }

        // -0 and -0.000 are zero written with a sign.
        var fractionDigits = fraction.IsEmpty ? fraction : fraction[1..];
        if (value[0] == (byte)'-' && value[1] == (byte)'0' && !fractionDigits.ContainsAnyExcept((byte)'0'))
        {
            return "zero has no sign";
        }

        return null;
    }

    // The length of ["-"] ("0" / non-zero *digit) at the start of value.
    private static int WholePart(ReadOnlySpan<byte> value, out string? problem, bool allowNegativeZero = false)
    {
        problem = null;
        var sign = !value.IsEmpty && value[0] == (byte)'-' ? 1 : 0;
        var digits = value[sign..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (digits < 0)
        {
            digits = value.Length - sign;
        }

        if (digits == 0)
        {
            problem = "expected digits";
        }
        else if (value[sign] == (byte)'0' && digits > 1)
        {
            problem = "no leading zeros";
        }
        else if (sign == 1 && value[1] == (byte)'0' && !allowNegativeZero)
        {
            problem = "zero has no sign";
        }

        return sign + digits;
    }
}
