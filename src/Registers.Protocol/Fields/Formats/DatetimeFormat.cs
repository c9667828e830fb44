namespace Registers.Protocol.Fields.Formats;

/// <summary>
/// The v1 datetime and timestamp datatypes (specification datetime-datatype, timestamp-datatype):
/// <code>
/// datetime  = date / date "T" time        date = YYYY ["-" MM ["-" DD]]     time = hh [":" mm [":" ss]] "Z"
/// timestamp = YYYY "-" MM "-" DD "T" hh ":" mm ":" ss "Z"
/// </code>
/// A time needs a full date. Fields are range-checked against the proleptic Gregorian calendar: month
/// 01-12, day within the month, hour 00-24 (24 only as 24:00:00, the end of a day), minute 00-59,
/// second 00-60 (60 only at 23:59:60, where leap seconds go).
/// </summary>
/// <remarks>
/// One legacy form is accepted for datetime only: <c>YYYY-MM-DDThh:mm:ss</c> without <c>Z</c>. GOV.UK's own
/// datatype register defines datetime as <c>CCYY-MM-DDThh:mm:ss[Z]</c>, openregister-java accepted it, and
/// the government-service register holds such values (entries 1014, 1178, 1179). It still means UTC.
/// </remarks>
internal static class DatetimeFormat
{
    private const string Shape = "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z";

    /// <summary>Null when <paramref name="value"/> is a datetime; otherwise why not.</summary>
    public static string? CheckDatetime(ReadOnlySpan<byte> value)
    {
        if (value.Length < 4 || !AsciiDigits.TryRead(value[..4], out _))
        {
            return Shape;
        }

        if (value.Length == 4)
        {
            return null;
        }

        return value.Length switch
        {
            7 => CheckDate(value, hasDay: false),
            10 => CheckDate(value, hasDay: true),
            _ when value.Length > 10 && value[10] == (byte)'T' => CheckDate(value[..10], hasDay: true) ?? CheckTime(value[11..], allowMissingZone: true),
            _ => Shape,
        };
    }

    /// <summary>Null when <paramref name="value"/> is a timestamp (<c>YYYY-MM-DDThh:mm:ssZ</c>); otherwise why not.</summary>
    public static string? CheckTimestamp(ReadOnlySpan<byte> value)
    {
        if (value.Length != 20 || value[10] != (byte)'T' || value[19] != (byte)'Z')
        {
            return "expected YYYY-MM-DDThh:mm:ssZ";
        }

        return CheckDate(value[..10], hasDay: true) ?? CheckTime(value[11..], allowMissingZone: false);
    }

    // YYYY-MM or YYYY-MM-DD.
    private static string? CheckDate(ReadOnlySpan<byte> value, bool hasDay)
    {
        if (!AsciiDigits.TryRead(value[..4], out var year) || value[4] != (byte)'-' || !AsciiDigits.TryRead(value.Slice(5, 2), out var month)
            || (hasDay && (value[7] != (byte)'-' || !AsciiDigits.TryRead(value.Slice(8, 2), out _))))
        {
            return Shape;
        }

        if (month is < 1 or > 12)
        {
            return "month must be 01 to 12";
        }

        if (hasDay)
        {
            AsciiDigits.TryRead(value.Slice(8, 2), out var day);
            if (day < 1 || day > DaysInMonth(year, month))
            {
                return "no such day in that month";
            }
        }

        return null;
    }

    // hh[:mm[:ss]]Z, or hh:mm:ss alone when the legacy form is allowed.
    private static string? CheckTime(ReadOnlySpan<byte> time, bool allowMissingZone)
    {
        var zoned = !time.IsEmpty && time[^1] == (byte)'Z';
        if (!zoned && !(allowMissingZone && time.Length == 8))
        {
            return Shape;
        }

        var clock = zoned ? time[..^1] : time;
        if (clock.Length is not (2 or 5 or 8)
            || !AsciiDigits.TryRead(clock[..2], out var hour)
            || (clock.Length >= 5 && (clock[2] != (byte)':' || !AsciiDigits.TryRead(clock.Slice(3, 2), out _)))
            || (clock.Length == 8 && (clock[5] != (byte)':' || !AsciiDigits.TryRead(clock.Slice(6, 2), out _))))
        {
            return Shape;
        }

        var minute = 0;
        var second = 0;
        if (clock.Length >= 5)
        {
            AsciiDigits.TryRead(clock.Slice(3, 2), out minute);
        }

        if (clock.Length == 8)
        {
            AsciiDigits.TryRead(clock.Slice(6, 2), out second);
        }

        if (hour > 24 || (hour == 24 && (minute > 0 || second > 0)))
        {
            return "hour must be 00 to 23, or 24:00:00";
        }

        if (minute > 59)
        {
            return "minute must be 00 to 59";
        }

        if (second > 60 || (second == 60 && (hour != 23 || minute != 59)))
        {
            return "second must be 00 to 59 (60 only at 23:59:60)";
        }

        return null;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
