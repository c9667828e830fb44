using Registers.Protocol.Fields;

namespace Registers.Protocol.Tests.Fields;

public sealed class DatatypeValidatorTests
{
    public static TheoryData<Datatype, string> ValidValues() => new()
    {
        { Datatype.String, "United Kingdom" },
        { Datatype.String, " leading and trailing spaces are data " },
        { Datatype.String, "\u00e9" },
        { Datatype.String, "a\nb" },
        { Datatype.Text, "Some *Markdown* [link](https://example.org)" },
        { Datatype.Integer, "0" },
        { Datatype.Integer, "100" },
        { Datatype.Integer, "-200" },
        { Datatype.Integer, "123456789012345678901234567890" },
        { Datatype.Decimal, "0" },
        { Datatype.Decimal, "0.5" },
        { Datatype.Decimal, "-0.5" },
        { Datatype.Decimal, "12.000" },
        { Datatype.Decimal, "-3" },
        { Datatype.Boolean, "true" },
        { Datatype.Boolean, "false" },
        { Datatype.Datetime, "2001" }, // the specification's examples
        { Datatype.Datetime, "2001-01" },
        { Datatype.Datetime, "2001-01-31" },
        { Datatype.Datetime, "2018-10-11T12Z" },
        { Datatype.Datetime, "2018-10-11T12:14Z" },
        { Datatype.Datetime, "2001-01-31T23:20:55Z" },
        { Datatype.Datetime, "2016-04-05T13:23:05" }, // legacy: GOV.UK's datatype register allows [Z]
        { Datatype.Datetime, "2016-02-29" },
        { Datatype.Datetime, "2000-02-29" },
        { Datatype.Datetime, "2016-04-05T24:00:00Z" },
        { Datatype.Datetime, "2016-12-31T23:59:60Z" },
        { Datatype.Datetime, "0000" },
        { Datatype.Timestamp, "2018-07-15T14:38:05Z" },
        { Datatype.Period, "2007-03-01T13:00:00Z/2008-05-11T15:30:00Z" }, // the specification's examples
        { Datatype.Period, "2007-03-01T13:00:00Z/P1Y2M10DT2H30M" },
        { Datatype.Period, "P1Y2M10DT2H30M/2008-05-11T15:30:00Z" },
        { Datatype.Period, "P1Y2M10DT2H30M" },
        { Datatype.Period, "2018-01-01/P1M" },
        { Datatype.Period, "PT0S" },
        { Datatype.Period, "P11M" }, // GOV.UK data
        { Datatype.Period, "P3Y9M27D" },
        { Datatype.Period, "PT36H" },
        { Datatype.Period, "2001/2002" },
        { Datatype.Point, "[-0.1276, 51.5072]" },
        { Datatype.Point, "[1,2]" },
        { Datatype.Point, "[ 530000.5 , 180000.25 , 12 ]" },
        { Datatype.Polygon, "[[[0,0],[1,0],[1,1],[0,0]]]" },
        { Datatype.Polygon, "[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]" },
        { Datatype.Url, "https://www.gov.uk/" },
        { Datatype.Url, "http://www.iso.org/iso/catalogue_detail?csnumber=22109" },
        { Datatype.Url, "https://example.org/a%20b#frag" },
        { Datatype.Url, "mailto:someone@example.org" },
        { Datatype.Curie, "country:GB" }, // the specification's examples
        { Datatype.Curie, "country:" },
        { Datatype.Curie, "local-authority:ABC" },
        { Datatype.Curie, "example:foo/bar" },
        { Datatype.Curie, "example:/qux" },
        { Datatype.Curie, "example:10.2%2F3" },
        { Datatype.Curie, "information-sharing-agreement-powers-and-objectives-0001:1" },
        { Datatype.Hash, "sha-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { Datatype.Name, "name" }, // the specification's examples
        { Datatype.Name, "start-date" },
        { Datatype.Name, "key-01" },
    };

    public static TheoryData<Datatype, string, string> InvalidValues() => new()
    {
        { Datatype.String, "", "a string is not empty" },
        { Datatype.String, "   ", "a string has at least one printable character" },
        { Datatype.String, "\t\n", "a string has at least one printable character" },
        { Datatype.String, "\uFEFFtext", "a string does not start with a byte order mark" },
        { Datatype.Text, "\u00a0", "a string has at least one printable character" },
        { Datatype.Integer, "01", "no leading zeros" },
        { Datatype.Integer, "-0", "zero has no sign" },
        { Datatype.Integer, "+1", "expected digits" },
        { Datatype.Integer, "1.0", "an integer is digits with an optional leading '-'" },
        { Datatype.Integer, "1e3", "an integer is digits with an optional leading '-'" },
        { Datatype.Integer, "", "expected digits" },
        { Datatype.Integer, "-", "expected digits" },
        { Datatype.Integer, "NaN", "expected digits" },
        { Datatype.Decimal, "1.", "a decimal is an integer part, then optionally '.' and digits" },
        { Datatype.Decimal, ".5", "expected digits" },
        { Datatype.Decimal, "00.5", "no leading zeros" },
        { Datatype.Decimal, "1e3", "a decimal is an integer part, then optionally '.' and digits" },
        { Datatype.Decimal, "-0.00", "zero has no sign" },
        { Datatype.Decimal, "1,5", "a decimal is an integer part, then optionally '.' and digits" },
        { Datatype.Boolean, "True", "a boolean is true or false" },
        { Datatype.Boolean, "1", "a boolean is true or false" },
        { Datatype.Datetime, "201", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Datetime, "2016-4-5", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Datetime, "2016-13", "month must be 01 to 12" },
        { Datatype.Datetime, "2016-00-01", "month must be 01 to 12" },
        { Datatype.Datetime, "2015-02-29", "no such day in that month" },
        { Datatype.Datetime, "1900-02-29", "no such day in that month" },
        { Datatype.Datetime, "2016-04-31", "no such day in that month" },
        { Datatype.Datetime, "2016-04-05T", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Datetime, "2016-04T12Z", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Datetime, "2016-04-05T12", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Datetime, "2016-04-05T12:30", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Datetime, "2016-04-05T13:23:05+01:00", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Datetime, "2016-04-05T13:23:05.5Z", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Datetime, "2016-04-05T25Z", "hour must be 00 to 23, or 24:00:00" },
        { Datatype.Datetime, "2016-04-05T24:01Z", "hour must be 00 to 23, or 24:00:00" },
        { Datatype.Datetime, "2016-04-05T12:60Z", "minute must be 00 to 59" },
        { Datatype.Datetime, "2016-04-05T12:00:60Z", "second must be 00 to 59 (60 only at 23:59:60)" },
        { Datatype.Datetime, "2016-04-05t13:23:05z", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Timestamp, "2016-04-05", "expected YYYY-MM-DDThh:mm:ssZ" },
        { Datatype.Timestamp, "2016-04-05T13:23:05", "expected YYYY-MM-DDThh:mm:ssZ" },
        { Datatype.Timestamp, "2016-02-30T13:23:05Z", "no such day in that month" },
        { Datatype.Period, "P", "expected a duration P[nY][nM][nD][T[nH][nM][nS]]" },
        { Datatype.Period, "PT", "expected a duration P[nY][nM][nD][T[nH][nM][nS]]" },
        { Datatype.Period, "P1YT", "'T' must be followed by hours, minutes or seconds" },
        { Datatype.Period, "P0D", "duration numbers have no leading zeros and only seconds may be 0" },
        { Datatype.Period, "P01M", "duration numbers have no leading zeros and only seconds may be 0" },
        { Datatype.Period, "P2W", "duration parts must be Y, M, D then T and H, M, S, each at most once" },
        { Datatype.Period, "P1D2M", "duration parts must be Y, M, D then T and H, M, S, each at most once" },
        { Datatype.Period, "PT1.5S", "duration parts must be Y, M, D then T and H, M, S, each at most once" },
        { Datatype.Period, "P12", "a number in a duration needs a designator" },
        { Datatype.Period, "1Y", "expected a duration P[nY][nM][nD][T[nH][nM][nS]]" },
        { Datatype.Period, "P1M/P2M", "at most one side of a period may be a duration" },
        { Datatype.Period, "2001/2002/2003", "a period has at most one '/'" },
        { Datatype.Period, "2001-13/P1M", "month must be 01 to 12" },
        { Datatype.Period, "2001/", "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh[:mm[:ss]]Z" },
        { Datatype.Point, "[1]", "expected a GeoJSON position [x, y] or [x, y, z]" },
        { Datatype.Point, "[1,2,3,4]", "expected a GeoJSON position [x, y] or [x, y, z]" },
        { Datatype.Point, "1,2", "expected a GeoJSON position [x, y] or [x, y, z]" },
        { Datatype.Point, "[\"1\",\"2\"]", "expected a GeoJSON position [x, y] or [x, y, z]" },
        { Datatype.Point, "[1,2]x", "expected a GeoJSON position [x, y] or [x, y, z]" },
        { Datatype.Point, "POINT (1 2)", "expected a GeoJSON position [x, y] or [x, y, z]" },
        { Datatype.Polygon, "[[[0,0],[1,0],[0,0]]]", "a linear ring has at least four positions" },
        { Datatype.Polygon, "[[[0,0],[1,0],[1,1],[0,1]]]", "a linear ring must end where it starts" },
        { Datatype.Polygon, "[]", "expected GeoJSON polygon coordinates [[[x, y], ...], ...]" },
        { Datatype.Polygon, "[[0,0],[1,0],[1,1],[0,0]]", "expected GeoJSON polygon coordinates [[[x, y], ...], ...]" },
        { Datatype.Url, "www.gov.uk", "an absolute URL starts with a scheme such as https:" },
        { Datatype.Url, "/relative/path", "an absolute URL starts with a scheme such as https:" },
        { Datatype.Url, "https://exa mple.org/", "URLs contain no spaces, control characters or \" < > \\ ^ ` { | }" },
        { Datatype.Url, " https://example.org/", "an absolute URL starts with a scheme such as https:" },
        { Datatype.Url, "https:example.org", "not an absolute URL" },
        { Datatype.Url, "http:/example.org", "not an absolute URL" },
        { Datatype.Url, "1http://example.org", "an absolute URL starts with a scheme such as https:" },
        { Datatype.Curie, "GB", "a CURIE is prefix:reference" }, // the specification's invalid examples
        { Datatype.Curie, ":GB", "a CURIE prefix is [a-z][a-z0-9_-]*" },
        { Datatype.Curie, "country", "a CURIE is prefix:reference" },
        { Datatype.Curie, " country:GB", "a CURIE prefix is [a-z][a-z0-9_-]*" },
        { Datatype.Curie, "Country:GB", "a CURIE prefix is [a-z][a-z0-9_-]*" },
        { Datatype.Curie, "country:G B", "a CURIE reference contains no spaces, control characters or \" < > \\ ^ ` { | }" },
        { Datatype.Curie, "example:a%2", "'%' must start a percent-encoded byte (%2F)" },
        { Datatype.Curie, "example://host", "a CURIE reference cannot start with //" },
        { Datatype.Hash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "a hash is sha-256: and 64 lower-case hex digits" },
        { Datatype.Hash, "sha-256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "a hash is sha-256: and 64 lower-case hex digits" },
        { Datatype.Hash, "sha-256:e3b0", "a hash is sha-256: and 64 lower-case hex digits" },
        { Datatype.Name, "0x", "a name is [a-z][a-z0-9-]*" }, // the specification's invalid examples
        { Datatype.Name, "42-date", "a name is [a-z][a-z0-9-]*" },
        { Datatype.Name, "-boo", "a name is [a-z][a-z0-9-]*" },
        { Datatype.Name, "Name", "a name is [a-z][a-z0-9-]*" },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Accepts_valid_values(Datatype datatype, string value) =>
        Assert.True(DatatypeValidator.IsValid(datatype, value, out var reason), reason);

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Refuses_invalid_values_saying_why(Datatype datatype, string value, string reason)
    {
        Assert.False(DatatypeValidator.IsValid(datatype, value, out var actual));
        Assert.Equal(reason, actual);
    }

    [Fact]
    public void Every_datatype_has_valid_and_invalid_examples()
    {
        var valid = ValidValues().Select(row => row.Data.Item1).ToHashSet();
        var invalid = InvalidValues().Select(row => row.Data.Item1).ToHashSet();
        foreach (var datatype in Enum.GetValues<Datatype>())
        {
            Assert.Contains(datatype, valid);
            Assert.Contains(datatype, invalid);
        }
    }

    [Theory]
    [InlineData("curie", Datatype.Curie)]
    [InlineData("datetime", Datatype.Datetime)]
    [InlineData("point", Datatype.Point)]
    public void Datatype_names_round_trip(string name, Datatype datatype)
    {
        Assert.True(DatatypeNames.TryParseDatatype(name, out var parsed));
        Assert.Equal(datatype, parsed);
        Assert.Equal(name, datatype.ToName());
        Assert.False(DatatypeNames.TryParseDatatype("Curie", out _));
        Assert.True(DatatypeNames.TryParseCardinality("n", out var many) && many == Cardinality.Many);
        Assert.False(DatatypeNames.TryParseCardinality("N", out _));
    }
}
