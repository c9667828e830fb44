using System.Globalization;
using System.Text.Json;
using Registers.Protocol.Fields;

namespace Registers.Server.Signatures;

/// <summary>
/// The dates of a custodian-key item, by which an auditor judges the writes its key signed: <c>start-date</c> and
/// <c>end-date</c>, when present, are each one datetime (the datatype of GOV.UK's start-date and end-date fields), and
/// the end is not before the start. Any end-date revokes the key, so one that names no time would end it unjudgeably.
/// </summary>
public static class CustodianKeyDates
{
    private static readonly string[] Members = ["start-date", "end-date"];

    /// <summary>The dates <paramref name="item"/> gets wrong, as (member, its value as written, why); none when they are right.</summary>
    public static IReadOnlyList<(string Member, string Value, string Detail)> Problems(string item)
    {
        using var json = JsonDocument.Parse(item);
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var problems = new List<(string, string, string)>();
        var dates = new Dictionary<string, string>();
        foreach (var member in Members)
        {
            if (!json.RootElement.TryGetProperty(member, out var value))
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                problems.Add((member, value.GetRawText(), $"its {member} {value.GetRawText()} is not a datetime: it must be one string"));
            }
            else if (!DatatypeValidator.IsValid(Datatype.Datetime, value.GetString()!, out var reason))
            {
                problems.Add((member, value.GetString()!, $"its {member} '{value.GetString()}' is not a datetime: {reason}"));
            }
            else
            {
                dates[member] = value.GetString()!;
            }
        }

        if (dates.TryGetValue("start-date", out var start) && dates.TryGetValue("end-date", out var end) && FirstSecond(end) < FirstSecond(start))
        {
            problems.Add(("end-date", end, $"its end-date '{end}' is before its start-date '{start}': a key cannot stop writing before it starts"));
        }

        return problems;
    }

    /// <summary>
    /// The end-date of a revocation made at <paramref name="now"/>: now, or the key's <paramref name="startDate"/> when
    /// that is later, so that a key allowed from a later date is revoked before it ever writes, its dates still in order.
    /// </summary>
    public static string EndDate(string? startDate, string now) =>
        startDate is not null && DatatypeValidator.IsValid(Datatype.Datetime, startDate, out _) && FirstSecond(now) < FirstSecond(startDate) ? startDate : now;

    // A datetime of reduced precision (2024, 2024-06, ...) names a span: it is ordered by the span's first second, and
    // 24:00:00 is the next day's first. Counted in ticks from DateTime's year 1; year 0000, which the datatype allows and
    // DateTime lacks, is counted as 400 and moved one 400-year cycle back: the Gregorian calendar repeats every 146,097 days.
    private static long FirstSecond(string datetime)
    {
        int Part(int at, int absent) => datetime.Length >= at + 2 ? int.Parse(datetime.AsSpan(at, 2), CultureInfo.InvariantCulture) : absent;
        var year = int.Parse(datetime.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var day = new DateTime(year == 0 ? 400 : year, Part(5, 1), Part(8, 1), 0, 0, 0, DateTimeKind.Utc);
        var cycleBack = year == 0 ? TimeSpan.TicksPerDay * 146_097 : 0;
        return day.Ticks + new TimeSpan(Part(11, 0), Part(14, 0), Part(17, 0)).Ticks - cycleBack;
    }
}
