using System.Globalization;

namespace Registers.Protocol.Entries;

/// <summary>
/// An entry's timestamp says when the entry was made, so a timestamp later than the clock of whoever takes the entry is
/// not a fact, and is refused. Clocks disagree a little: a writer's may run ahead of the server's, so a timestamp up to a
/// tolerance ahead of the clock is let through.
/// </summary>
public static class FutureTimestampRule
{
    /// <summary>The rule's name in problems.</summary>
    public const string Name = "future-timestamp";

    /// <summary>The clock skew allowed unless configured otherwise: more than clocks kept by NTP drift apart, less than a mistake.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Why <paramref name="timestamp"/> is refused, a sentence beginning with the timestamp, or null when it is at most
    /// <paramref name="tolerance"/> after <paramref name="now"/>.
    /// </summary>
    /// <param name="timestamp">The entry's timestamp.</param>
    /// <param name="now">The clock, as whoever takes the entry reads it.</param>
    /// <param name="tolerance">The clock skew allowed.</param>
    /// <param name="whoseClock">Whose clock it is, for the sentence, e.g. "the server's".</param>
    public static string? Refusal(EntryTimestamp timestamp, EntryTimestamp now, TimeSpan tolerance, string whoseClock) =>
        timestamp.UnixSeconds - now.UnixSeconds <= (long)tolerance.TotalSeconds
            ? null
            : $"{timestamp} is in the future: {whoseClock} clock says {now}, and an entry's timestamp, which says when the entry was made, "
              + $"may be at most {Describe(tolerance)} ahead of it (for clock skew)";

    private static string Describe(TimeSpan tolerance) =>
        tolerance.TotalSeconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{tolerance.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{tolerance.TotalSeconds:0} s");
}
