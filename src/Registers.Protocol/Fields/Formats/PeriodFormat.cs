namespace Registers.Protocol.Fields.Formats;

/// <summary>
/// The v1 period datatype (specification period-datatype), a subset of ISO 8601 intervals:
/// <c>start/end</c>, <c>start/duration</c>, <c>duration/end</c> or <c>duration</c>, where start and end
/// are datetimes and a duration is <c>P[nY][nM][nD][T[nH][nM][nS]]</c> with at least one part (and one
/// after <c>T</c> when it is there), no fractions and no weeks.
/// </summary>
/// <remarks>
/// The specification's ABNF writes each part as <c>non-zero "Y"</c>, which read literally allows one
/// digit only; its own examples (<c>P1Y2M10DT2H30M</c>) and GOV.UK's data (<c>P11M</c>, <c>P3Y11M</c>)
/// use several, so a part is a number without leading zeros, at least 1, except seconds, which may be
/// 0 so that <c>PT0S</c>, the specification's empty duration, is valid. The order of start and end is
/// not checked: reduced-precision datetimes (<c>2001/2001-05</c>) have no single order.
/// </remarks>
internal static class PeriodFormat
{
    /// <summary>Null when <paramref name="value"/> is a period; otherwise why not.</summary>
    public static string? Check(ReadOnlySpan<byte> value)
    {
        var slash = value.IndexOf((byte)'/');
        if (slash < 0)
        {
            return CheckDuration(value);
        }

        var start = value[..slash];
        var end = value[(slash + 1)..];
        if (end.Contains((byte)'/'))
        {
            return "a period has at most one '/'";
        }

        var startIsDuration = !start.IsEmpty && start[0] == (byte)'P';
        var endIsDuration = !end.IsEmpty && end[0] == (byte)'P';
        if (startIsDuration && endIsDuration)
        {
            return "at most one side of a period may be a duration";
        }

        return (startIsDuration ? CheckDuration(start) : DatetimeFormat.CheckDatetime(start))
            ?? (endIsDuration ? CheckDuration(end) : DatetimeFormat.CheckDatetime(end));
    }

    /// <summary>Null when <paramref name="value"/> is a duration; otherwise why not.</summary>
    public static string? CheckDuration(ReadOnlySpan<byte> value)
    {
        const string Shape = "expected a duration P[nY][nM][nD][T[nH][nM][nS]]";
        if (value.Length < 3 || value[0] != (byte)'P')
        {
            return Shape;
        }

        var rest = value[1..];
        var dateParts = ReadParts(ref rest, "YMD"u8, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        var timeParts = 0;
        if (!rest.IsEmpty && rest[0] == (byte)'T')
        {
            rest = rest[1..];
            timeParts = ReadParts(ref rest, "HMS"u8, out problem);
            if (problem is not null)
            {
                return problem;
            }

            if (timeParts == 0)
            {
                return "'T' must be followed by hours, minutes or seconds";
            }
        }

        return !rest.IsEmpty || dateParts + timeParts == 0 ? Shape : null;
    }

    // Reads number-designator pairs whose designators come in the order given; returns how many.
    private static int ReadParts(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> designators, out string? problem)
    {
        problem = null;
        var count = 0;
        var next = 0; // index of the earliest designator still allowed
        while (!rest.IsEmpty && char.IsAsciiDigit((char)rest[0]))
        {
            var digits = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (digits < 0)
            {
                problem = "a number in a duration needs a designator";
                return count;
            }

            var designator = designators[next..].IndexOf(rest[digits]);
            if (designator < 0)
            {
                problem = "duration parts must be Y, M, D then T and H, M, S, each at most once";
                return count;
            }

            var isSeconds = designators[next + designator] == (byte)'S';
            if (rest[0] == (byte)'0' && (digits > 1 || !isSeconds))
            {
                problem = "duration numbers have no leading zeros and only seconds may be 0";
                return count;
            }

            next += designator + 1;
            rest = rest[(digits + 1)..];
            count++;
        }

        return count;
    }
}
