using System.Text;
using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>Component values (RFC 9421 sections 2.1 and 2.2) and the reasons a component has none.</summary>
public sealed class ComponentValueTests
{
    [Fact]
    public void Header_fields_are_trimmed_unfolded_and_combined_as_in_rfc_section_2_1()
    {
        // The example message fragment of RFC 9421 section 2.1, with values as a raw parser would keep them.
        var request = new HttpRequestParts("GET", "https://www.example.com/",
        [
            new("Host", "www.example.com"),
            new("Date", "Tue, 20 Apr 2021 02:07:56 GMT"),
            new("X-OWS-Header", "   Leading and trailing whitespace.   "),
            new("X-Obs-Fold-Header", "Obsolete\r\n    line folding."),
            new("Cache-Control", "max-age=60"),
            new("Cache-Control", "   must-revalidate"),
            new("Example-Dict", " a=1,    b=2;x=1;y=2,   c=(a   b   c)"),
            new("X-Empty-Header", " "),
        ]);

        var lines = BaseLines(request, "host", "date", "x-ows-header", "x-obs-fold-header", "cache-control", "example-dict", "x-empty-header");

        Assert.Equal(
        [
            "\"host\": www.example.com",
            "\"date\": Tue, 20 Apr 2021 02:07:56 GMT",
            "\"x-ows-header\": Leading and trailing whitespace.",
            "\"x-obs-fold-header\": Obsolete line folding.",
            "\"cache-control\": max-age=60, must-revalidate",
            "\"example-dict\": a=1,    b=2;x=1;y=2,   c=(a   b   c)",
            "\"x-empty-header\": ",
        ], lines);
    }

    /// <summary>Target URIs and the derived values of RFC 9421 section 2.2's examples, plus normalisation cases.</summary>
    public static TheoryData<string, string, string> Derived => new()
    {
        { "https://www.example.com/path?param=value", "@target-uri", "https://www.example.com/path?param=value" },
        { "https://www.example.com/path?param=value", "@authority", "www.example.com" },
        { "http://www.example.com/path?param=value", "@scheme", "http" },
        { "HTTPS://www.example.com/path", "@scheme", "https" },
        { "https://www.example.com/path?param=value", "@request-target", "/path?param=value" },
        { "https://www.example.com/path?param=value", "@path", "/path" },
        { "https://www.example.com/path?param=value&foo=bar&baz=bat%2Dman", "@query", "?param=value&foo=bar&baz=bat%2Dman" },
        { "https://www.example.com/path?queryString", "@query", "?queryString" },
        { "https://www.example.com/path", "@query", "?" },
        { "https://www.example.com/path?", "@query", "?" },
        { "https://example.com", "@path", "/" },
        { "https://example.com?x=1", "@path", "/" },
        { "https://example.com?x=1", "@request-target", "/?x=1" },
        { "https://example.com/a%2Fb/%7Ec?q=%7E+x", "@path", "/a%2Fb/%7Ec" },
        { "https://example.com/a%2Fb/%7Ec?q=%7E+x", "@query", "?q=%7E+x" },
        { "https://WWW.Example.COM/", "@authority", "www.example.com" },
        { "https://WWW.Example.COM/", "@target-uri", "https://WWW.Example.COM/" },
        { "https://example.com:443/", "@authority", "example.com" },
        { "http://example.com:80/", "@authority", "example.com" },
        { "http://example.com:443/", "@authority", "example.com:443" },
        { "https://example.com:8443/", "@authority", "example.com:8443" },
        { "https://example.com:/", "@authority", "example.com" },
        { "https://[::1]:443/", "@authority", "[::1]" },
        { "https://[2001:DB8::1]:8443/", "@authority", "[2001:db8::1]:8443" },
        { "https://[::1]/", "@authority", "[::1]" },
    };

    [Theory]
    [MemberData(nameof(Derived))]
    public void Derived_components_come_from_the_target_uri_as_sent(string targetUri, string component, string value)
    {
        var request = new HttpRequestParts("POST", targetUri, []);

        Assert.Equal($"\"{component}\": {value}", Assert.Single(BaseLines(request, component)));
    }

    [Fact]
    public void The_method_is_taken_as_it_is_case_and_all()
    {
        Assert.Equal("\"@method\": post", Assert.Single(BaseLines(new HttpRequestParts("post", "https://e.com/", []), "@method")));
    }

    /// <summary>Covered components (as a Signature-Input inner list) that cannot be put in a base, and why.</summary>
    public static TheoryData<string, ComponentProblem> Problems => new()
    {
        { "(\"@status\")", ComponentProblem.UnknownDerivedComponent },
        { "(\"@query-param\";name=\"Pet\")", ComponentProblem.UnsupportedParameter },
        { "(\"@query-param\")", ComponentProblem.UnknownDerivedComponent },
        { "(\"@signature-params\")", ComponentProblem.UnknownDerivedComponent },
        { "(\"@METHOD\")", ComponentProblem.UnknownDerivedComponent },
        { "(\"@method\";req)", ComponentProblem.UnsupportedParameter },
        { "(\"example-dict\";key=\"a\")", ComponentProblem.UnsupportedParameter },
        { "(\"example-dict\";sf)", ComponentProblem.UnsupportedParameter },
        { "(\"content-type\" \"@method\" \"content-type\")", ComponentProblem.Duplicate },
        { "(\"Content-Type\")", ComponentProblem.InvalidName },
        { "(\"content type\")", ComponentProblem.InvalidName },
        { "(\"\")", ComponentProblem.InvalidName },
        { "(content-type)", ComponentProblem.InvalidName },
        { "(1)", ComponentProblem.InvalidName },
        { "(\"x-missing\")", ComponentProblem.FieldMissing },
        { "(\"x-newline\")", ComponentProblem.InvalidValue },
        { "(\"x-nul\")", ComponentProblem.InvalidValue },
        { "(\"x-latin\")", ComponentProblem.InvalidValue },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Components_without_a_value_say_why(string innerList, ComponentProblem expected)
    {
        var request = new HttpRequestParts("POST", "https://example.com/",
        [
            new("Content-Type", "application/json"),
            new("X-Newline", "a\nb"),
            new("X-Nul", "a\0b"),
            new("X-Latin", "caf\u00e9"),
        ]);

        Assert.Equal(expected, Problem(request, innerList));
    }

    [Theory]
    [InlineData("/foo")]
    [InlineData("example.com/foo")]
    [InlineData("https://user@example.com/")]
    [InlineData("https://example.com/a b")]
    [InlineData("https://example.com/a\u00e9")]
    [InlineData("https://example.com/#fragment")]
    [InlineData("https:///path")]
    [InlineData("https://example.com:port/")]
    [InlineData("https://example.com:123456/")]
    [InlineData("https://:443/")]
    [InlineData("1http://example.com/")]
    [InlineData("ht tp://example.com/")]
    public void No_part_of_an_invalid_target_uri_is_derived_but_the_method_and_fields_still_are(string targetUri)
    {
        var request = new HttpRequestParts("POST", targetUri, [new("Content-Type", "application/json")]);

        foreach (var component in new[] { "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query" })
        {
            Assert.Equal(ComponentProblem.InvalidTargetUri, Problem(request, $"(\"{component}\")"));
        }

        Assert.Equal(ComponentProblem.None, Problem(request, "(\"@method\" \"content-type\")"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("PO ST")]
    [InlineData("GET\n")]
    [InlineData("G\u00c9T")]
    public void A_method_that_is_not_a_token_has_no_value(string method)
    {
        Assert.Equal(ComponentProblem.InvalidValue, Problem(new HttpRequestParts(method, "https://e.com/", []), "(\"@method\")"));
    }

    private static ComponentProblem Problem(HttpRequestParts request, string innerList)
    {
        Assert.True(SfParser.TryParseDictionary("s=" + innerList, out var dictionary, out var error, out _), error.ToString());
        return SignatureBase.TryCreate(request, (SfInnerList)dictionary[0].Value, out _, out _);
    }

    // The lines of the base before the @signature-params line.
    private static string[] BaseLines(HttpRequestParts request, params string[] components)
    {
        var list = new SfInnerList([.. components.Select(c => new SfItem(new SfString(c), []))], []);
        var problem = SignatureBase.TryCreate(request, list, out var bytes, out var failed);
        Assert.True(problem == ComponentProblem.None, $"{failed}: {problem}");
        return Encoding.ASCII.GetString(bytes).Split('\n')[..^1];
    }
}
