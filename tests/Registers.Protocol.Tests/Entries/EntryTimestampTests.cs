using System.Text;
using Registers.Protocol.Entries;

namespace Registers.Protocol.Tests.Entries;

public sealed class EntryTimestampTests
{
    [Theory]
    [InlineData("2016-04-05T13:23:05Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2016-02-29T12:00:00Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    public void Round_trips_through_text_and_bytes(string text)
    {
        var timestamp = EntryTimestamp.Parse(text);
        Assert.Equal(text, timestamp.ToString());
        Assert.True(EntryTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out var fromBytes));
        Assert.Equal(timestamp, fromBytes);
        Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture), timestamp.ToDateTimeOffset());
    }

    [Theory]
    [InlineData("2016-04-05T13:23:05")]
    [InlineData("2016-04-05T13:23:05.000Z")]
    [InlineData("2016-04-05 13:23:05Z")]
    [InlineData("2016-04-05T13:23:05+00:00")]
    [InlineData("2015-02-29T00:00:00Z")]
    [InlineData("2016-13-01T00:00:00Z")]
    [InlineData("2016-04-31T00:00:00Z")]
    [InlineData("2016-04-05T24:00:00Z")]
    [InlineData("2016-04-05T23:60:00Z")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2016-04-05t13:23:05z")]
    [InlineData("２016-04-05T13:23:05Z")]
    [InlineData("")]
    public void Refuses_anything_but_whole_second_utc(string text) =>
        Assert.False(EntryTimestamp.TryParse(text, out _));

    [Fact]
    public void From_a_clock_reading_drops_the_fraction_of_a_second()
    {
        var time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 999, TimeSpan.FromHours(2));
        Assert.Equal("2024-05-06T05:08:09Z", EntryTimestamp.From(time).ToString());
    }

    [Fact]
    public void Orders_by_time()
    {
        Assert.True(EntryTimestamp.Parse("2016-04-05T13:23:05Z") < EntryTimestamp.Parse("2016-04-05T13:23:06Z"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EntryTimestamp.FromUnixSeconds(253402300800));
    }
}
