using Registers.Server.Signatures;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A custodian key's dates are ordered by the first second each names, across the whole range the datetime datatype
/// allows: reduced precision, the end of a day said as 24:00:00, leap days and year 0000.
/// </summary>
public sealed class CustodianKeyDateOrderTests
{
    [Theory]
    [InlineData("0000-12-31T23:59:59Z", "0001-01-01")]
    [InlineData("0000-02-29", "0000-03-01")]
    [InlineData("0000", "0000-01-01T00:00:01Z")]
    [InlineData("1999-12-31T24:00:00Z", "2000-01-01")]
    [InlineData("2024-02-29T23:59:59Z", "2024-03")]
    [InlineData("9999-12-31T23:59:59Z", "9999-12-31T24:00:00Z")]
    public void An_end_date_no_earlier_than_the_start_is_in_order(string start, string end)
    {
        Assert.Empty(CustodianKeyDates.Problems(Item(start, end)));
    }

    [Theory]
    [InlineData("0001-01-01", "0000-12-31T23:59:59Z")]
    [InlineData("0000-03-01", "0000-02-29T23:59:59Z")]
    [InlineData("2000-01-01T00:00:01Z", "1999-12-31T24:00:00Z")]
    [InlineData("2024-03", "2024-02-29T23:59:59Z")]
    [InlineData("9999-12-31T24:00:00Z", "9999-12-31T23:59:59Z")]
    public void An_end_date_before_the_start_is_named(string start, string end)
    {
        var problem = Assert.Single(CustodianKeyDates.Problems(Item(start, end)));

        Assert.Equal(("end-date", end), (problem.Member, problem.Value));
    }

    [Theory]
    [InlineData("0000-06-01", "0000-01-01T00:00:00Z", "0000-06-01")]
    [InlineData("2024-01-01", "2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z")]
    [InlineData("2030-01-01T24:00:00Z", "2030-01-01T12:00:00Z", "2030-01-01T24:00:00Z")]
    public void A_revocation_ends_a_key_at_its_start_when_that_is_later(string start, string now, string expected)
    {
        Assert.Equal(expected, CustodianKeyDates.EndDate(start, now));
    }

    private static string Item(string start, string end) => $$"""{"custodian-key":"k","start-date":"{{start}}","end-date":"{{end}}"}""";
}
