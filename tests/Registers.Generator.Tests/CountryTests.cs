using Registers.Generator.Tests.Support;

namespace Registers.Generator.Tests;

public sealed class CountryTests
{
    private static readonly RegisterContents Country = RegisterContents.Read(ShippedData.RsfOf("country"));

    [Fact]
    public void Every_code_past_and_present_has_a_record()
    {
        // 249 codes in use (ISO 3166-1) and 25 withdrawn codes never given out again (ISO 3166-3).
        Assert.Equal(274, Country.Records.Count);
        Assert.All(Country.Records.Keys, code => Assert.Matches("^[A-Z]{2}$", code));
    }

    [Theory]
    [InlineData("SU", "USSR, Union of Soviet Socialist Republics", null, "1992-08-30")]
    [InlineData("DD", "German Democratic Republic", null, "1990-10-30")]
    [InlineData("YU", "Yugoslavia, (Socialist) Federal Republic of", null, "2003-07-23")]
    [InlineData("ZR", "Zaire, Republic of", null, "1997-07-14")]
    [InlineData("CS", "Serbia and Montenegro", "2003-07-23", "2006-09-26")]
    [InlineData("CD", "Congo, The Democratic Republic of the", "1997-07-14", null)]
    [InlineData("SK", "Slovakia", "1993-06-15", null)]
    [InlineData("GB", "United Kingdom", null, null)]
    public void A_code_ends_or_starts_where_the_country_it_names_changed(string code, string name, string? start, string? end)
    {
        var values = RegisterContents.Values(Country.Records[code]);

        Assert.Equal(name, values["name"][0]);
        Assert.Equal(start, values.GetValueOrDefault("start-date")?[0]);
        Assert.Equal(end, values.GetValueOrDefault("end-date")?[0]);
    }

    [Theory]
    [InlineData("CS", 4)] // Czechoslovakia; withdrawn; Serbia and Montenegro; withdrawn
    [InlineData("SK", 3)] // Sikkim; withdrawn; Slovakia
    [InlineData("TR", 2)] // Turkey, Türkiye
    public void A_code_given_to_another_country_or_renamed_keeps_its_history(string code, int entries)
    {
        Assert.Equal(entries, Country.EntriesPerKey[code]);
    }
}
