using Registers.Protocol.Entries;

namespace Registers.Protocol.Tests.Entries;

public sealed class FutureTimestampRuleTests
{
    private static readonly EntryTimestamp Now = EntryTimestamp.Parse("2026-03-01T12:00:00Z");

    [Theory]
    [InlineData("2016-04-05T13:23:05Z")]
    [InlineData("2026-03-01T12:00:00Z")]
    [InlineData("2026-03-01T12:05:00Z")] // exactly the tolerance ahead
    public void A_timestamp_up_to_the_tolerance_ahead_of_the_clock_is_taken(string timestamp)
    {
        Assert.Null(FutureTimestampRule.Refusal(EntryTimestamp.Parse(timestamp), Now, TimeSpan.FromMinutes(5), "the server's"));
    }

    [Fact]
    public void A_timestamp_a_second_past_the_tolerance_is_refused_saying_whose_clock_and_by_how_much_skew()
    {
        var refusal = FutureTimestampRule.Refusal(EntryTimestamp.Parse("2026-03-01T12:05:01Z"), Now, TimeSpan.FromMinutes(5), "the server's");

        Assert.Equal(
            "2026-03-01T12:05:01Z is in the future: the server's clock says 2026-03-01T12:00:00Z, and an entry's timestamp, "
            + "which says when the entry was made, may be at most 5 min ahead of it (for clock skew)",
            refusal);
    }

    [Fact]
    public void With_no_tolerance_a_second_ahead_is_refused_and_a_tolerance_of_odd_seconds_is_said_in_seconds()
    {
        Assert.NotNull(FutureTimestampRule.Refusal(EntryTimestamp.Parse("2026-03-01T12:00:01Z"), Now, TimeSpan.Zero, "the server's"));
        Assert.Contains("at most 90 s ahead", FutureTimestampRule.Refusal(EntryTimestamp.Parse("2026-03-01T12:01:31Z"), Now, TimeSpan.FromSeconds(90), "the server's"), StringComparison.Ordinal);
    }
}
