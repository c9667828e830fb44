namespace Registers.Protocol.Entries;

/// <summary>
/// The time an entry was appended: UTC, whole seconds, written <c>yyyy-MM-ddTHH:mm:ssZ</c> (the v1
/// timestamp datatype and RSF). Held as seconds since the Unix epoch, so it is eight bytes and
/// compares and formats without a calendar object.
/// </summary>
public readonly struct EntryTimestamp : IEquatable<EntryTimestamp>, IComparable<EntryTimestamp>
{
    /// <summary>Every timestamp is written in exactly this many bytes.</summary>
    public const int Length = 20;

    private const long MinSeconds = -62135596800; // 0001-01-01T00:00:00Z
    private const long MaxSeconds = 253402300799; // 9999-12-31T23:59:59Z

    private EntryTimestamp(long unixSeconds) => UnixSeconds = unixSeconds;

    /// <summary>Seconds since 1970-01-01T00:00:00Z.</summary>
    public long UnixSeconds { get; }

    /// <summary>The timestamp at <paramref name="unixSeconds"/> seconds after the Unix epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside years 0001 to 9999, which four digits cannot write.</exception>
    public static EntryTimestamp FromUnixSeconds(long unixSeconds) =>
        unixSeconds is >= MinSeconds and <= MaxSeconds
            ? new EntryTimestamp(unixSeconds)
            : throw new ArgumentOutOfRangeException(nameof(unixSeconds), unixSeconds, "Timestamps are written with a four-digit year.");

    /// <summary>The whole second containing <paramref name="time"/>: v1 timestamps carry no fractions, so they are dropped.</summary>
    public static EntryTimestamp From(DateTimeOffset time) => new(time.ToUnixTimeSeconds());

    /// <summary>As a <see cref="DateTimeOffset"/> at offset zero.</summary>
    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeSeconds(UnixSeconds);

    /// <summary>Writes the 20 ASCII bytes <c>yyyy-MM-ddTHH:mm:ssZ</c>; returns <see cref="Length"/>.</summary>
    public int Format(Span<byte> utf8Destination)
    {
        var days = Math.DivRem(UnixSeconds - MinSeconds, 86400L, out var secondOfDay);
        var date = DateOnly.FromDayNumber((int)days);
        var d = utf8Destination[..Length];
        AsciiDigits.Write(d[..4], date.Year);
        d[4] = (byte)'-';
        AsciiDigits.Write(d.Slice(5, 2), date.Month);
        d[7] = (byte)'-';
        AsciiDigits.Write(d.Slice(8, 2), date.Day);
        d[10] = (byte)'T';
        AsciiDigits.Write(d.Slice(11, 2), (int)(secondOfDay / 3600));
        d[13] = (byte)':';
        AsciiDigits.Write(d.Slice(14, 2), (int)(secondOfDay / 60 % 60));
        d[16] = (byte)':';
        AsciiDigits.Write(d.Slice(17, 2), (int)(secondOfDay % 60));
        d[19] = (byte)'Z';
        return Length;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[Length];
        Format(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    /// <summary>Parses exactly <c>yyyy-MM-ddTHH:mm:ssZ</c> with a real calendar date and a time up to 23:59:59.</summary>
    /// <remarks>No leap second (<c>:60</c>): the log orders entries by number, and a clock that shows one cannot be mapped to Unix time.</remarks>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out EntryTimestamp timestamp)
    {
        timestamp = default;
        if (utf8.Length != Length
            || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':' || utf8[19] != 'Z'
            || !AsciiDigits.TryRead(utf8[..4], out var year) || !AsciiDigits.TryRead(utf8.Slice(5, 2), out var month) || !AsciiDigits.TryRead(utf8.Slice(8, 2), out var day)
            || !AsciiDigits.TryRead(utf8.Slice(11, 2), out var hour) || !AsciiDigits.TryRead(utf8.Slice(14, 2), out var minute) || !AsciiDigits.TryRead(utf8.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var days = new DateOnly(year, month, day).DayNumber;
        timestamp = new EntryTimestamp(MinSeconds + (days * 86400L) + (hour * 3600) + (minute * 60) + second);
        return true;
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out EntryTimestamp)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out EntryTimestamp timestamp)
    {
        timestamp = default;
        if (text.Length != Length || !System.Text.Ascii.IsValid(text))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        System.Text.Ascii.FromUtf16(text, bytes, out _);
        return TryParse(bytes, out timestamp);
    }

    /// <summary>Parses <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    /// <exception cref="FormatException">The text is not such a timestamp.</exception>
    public static EntryTimestamp Parse(string text) =>
        TryParse(text.AsSpan(), out var timestamp)
            ? timestamp
            : throw new FormatException($"'{text}' is not a timestamp of the form yyyy-MM-ddTHH:mm:ssZ.");

    /// <inheritdoc/>
    public bool Equals(EntryTimestamp other) => UnixSeconds == other.UnixSeconds;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EntryTimestamp other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => UnixSeconds.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(EntryTimestamp other) => UnixSeconds.CompareTo(other.UnixSeconds);

    /// <summary>Same second.</summary>
    public static bool operator ==(EntryTimestamp left, EntryTimestamp right) => left.Equals(right);

    /// <summary>Different seconds.</summary>
    public static bool operator !=(EntryTimestamp left, EntryTimestamp right) => !left.Equals(right);

    /// <summary>Earlier.</summary>
    public static bool operator <(EntryTimestamp left, EntryTimestamp right) => left.UnixSeconds < right.UnixSeconds;

    /// <summary>Later.</summary>
    public static bool operator >(EntryTimestamp left, EntryTimestamp right) => left.UnixSeconds > right.UnixSeconds;

    /// <summary>Not later.</summary>
    public static bool operator <=(EntryTimestamp left, EntryTimestamp right) => left.UnixSeconds <= right.UnixSeconds;

    /// <summary>Not earlier.</summary>
    public static bool operator >=(EntryTimestamp left, EntryTimestamp right) => left.UnixSeconds >= right.UnixSeconds;
}
