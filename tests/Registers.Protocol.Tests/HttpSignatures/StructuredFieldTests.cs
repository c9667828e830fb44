using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>The RFC 8941 dictionary parser and serialiser: canonical output, and a reason for each bad input.</summary>
public sealed class StructuredFieldTests
{
    /// <summary>Field values and the canonical serialisation of what they parse to.</summary>
    public static TheoryData<string, string> Canonical => new()
    {
        // RFC 9421 section 2.1.1: the sf serialisation of this Example-Dict value.
        { "a=1,    b=2;x=1;y=2,   c=(a   b   c)", "a=1, b=2;x=1;y=2, c=(a b c)" },
        // RFC 9421 section 2.1.2's Example-Dict, with a member that is a bare key.
        { "a=1, b=2;x=1;y=2, c=(a   b    c), d", "a=1, b=2;x=1;y=2, c=(a b c), d" },
        { "", "" },
        { "  a=1 ,\tb=2\t ", "a=1, b=2" },
        { "a=?1", "a" },
        { "a=?1;p=?0;q", "a;p=?0;q" },
        { "a=?0", "a=?0" },
        { "a=-999999999999999", "a=-999999999999999" },
        { "a=1.50", "a=1.5" },
        { "a=-0.250", "a=-0.25" },
        { "a=3.0", "a=3.0" },
        { "a=123456789012.123", "a=123456789012.123" },
        { "a=\"x \\\"y\\\\ z\"", "a=\"x \\\"y\\\\ z\"" },
        { "a=application/json, b=*x:y/z", "a=application/json, b=*x:y/z" },
        { "sig1=:dGVzdA==:", "sig1=:dGVzdA==:" },
        { "sig1=:dGVzdA:", "sig1=:dGVzdA==:" },
        { "sig1=::", "sig1=::" },
        { "x=();created=1", "x=();created=1" },
        { "x=( \"@method\"  \"b\";req );keyid=\"k\"", "x=(\"@method\" \"b\";req);keyid=\"k\"" },
        { "*a.b_c-d=1", "*a.b_c-d=1" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Dictionaries_parse_and_serialise_canonically(string text, string canonical)
    {
        Assert.True(SfParser.TryParseDictionary(text, out var dictionary, out var error, out var position), $"{error} at {position}");
        Assert.Equal(canonical, SfSerializer.Serialize(dictionary));
    }

    [Fact]
    public void Parsing_keeps_member_and_parameter_order_and_types()
    {
        Assert.True(SfParser.TryParseDictionary("b=(\"x\";k=1 y);created=5;keyid=\"id\", a=:AAE=:;n=1.5", out var dictionary, out _, out _));

        Assert.Equal(["b", "a"], dictionary.Select(m => m.Key));
        var list = Assert.IsType<SfInnerList>(dictionary[0].Value);
        Assert.Equal(new SfString("x"), list.Items[0].Value);
        Assert.Equal([new SfParameter("k", new SfInteger(1))], list.Items[0].Parameters);
        Assert.Equal(new SfToken("y"), list.Items[1].Value);
        Assert.Equal(["created", "keyid"], list.Parameters.Select(p => p.Key));
        Assert.Equal(new SfInteger(5), list.Parameter("created"));
        var item = Assert.IsType<SfItem>(dictionary[1].Value);
        Assert.Equal(new byte[] { 0, 1 }, Assert.IsType<SfByteSequence>(item.Value).Value);
        Assert.Equal(new SfDecimal(1.5m), item.Parameter("n"));
    }

    /// <summary>Bad field values, the error, and the character position where parsing stopped.</summary>
    public static TheoryData<string, StructuredFieldError, int> Malformed => new()
    {
        { "a=1,", StructuredFieldError.InvalidSeparator, 4 },
        { "a=1, ", StructuredFieldError.InvalidSeparator, 5 },
        { "a=1 b=2", StructuredFieldError.InvalidSeparator, 4 },
        { "a=1 ;x", StructuredFieldError.InvalidSeparator, 4 },
        { "a=1,,b=2", StructuredFieldError.InvalidKey, 4 },
        { "A=1", StructuredFieldError.InvalidKey, 0 },
        { "1a=1", StructuredFieldError.InvalidKey, 0 },
        { "\ta=1", StructuredFieldError.InvalidKey, 0 },
        { "a=1;", StructuredFieldError.InvalidKey, 4 },
        { "a=1;X=2", StructuredFieldError.InvalidKey, 4 },
        { "a=1, a=2", StructuredFieldError.DuplicateKey, 5 },
        { "a=1;x=1;x=2", StructuredFieldError.DuplicateKey, 8 },
        { "a=(1);x;x", StructuredFieldError.DuplicateKey, 8 },
        { "a=\u00e9", StructuredFieldError.NotAscii, 2 },
        { "a=\"\u00e9\"", StructuredFieldError.NotAscii, 3 },
        { "a=", StructuredFieldError.UnexpectedCharacter, 2 },
        { "a=@1659578233", StructuredFieldError.UnexpectedCharacter, 2 },
        { "a=%\"x\"", StructuredFieldError.UnexpectedCharacter, 2 },
        { "a=1;x=", StructuredFieldError.UnexpectedCharacter, 6 },
        { "a=1234567890123456", StructuredFieldError.InvalidNumber, 17 },
        { "a=1234567890123.5", StructuredFieldError.InvalidNumber, 15 },
        { "a=1.2345", StructuredFieldError.InvalidNumber, 8 },
        { "a=1.", StructuredFieldError.InvalidNumber, 4 },
        { "a=-", StructuredFieldError.InvalidNumber, 3 },
        { "a=-x", StructuredFieldError.InvalidNumber, 3 },
        { "a=\"abc", StructuredFieldError.InvalidString, 6 },
        { "a=\"a\\b\"", StructuredFieldError.InvalidString, 5 },
        { "a=\"tab\there\"", StructuredFieldError.InvalidString, 6 },
        { "a=\"\\", StructuredFieldError.InvalidString, 4 },
        { "a=:abc", StructuredFieldError.InvalidByteSequence, 6 },
        { "a=:ab$c:", StructuredFieldError.InvalidByteSequence, 5 },
        { "a=:a=bc:", StructuredFieldError.InvalidByteSequence, 4 },
        { "a=:abcde:", StructuredFieldError.InvalidByteSequence, 7 },
        { "a=:ab===:", StructuredFieldError.InvalidByteSequence, 7 },
        { "a=?2", StructuredFieldError.InvalidBoolean, 3 },
        { "a=?", StructuredFieldError.InvalidBoolean, 3 },
        { "a=(1 2", StructuredFieldError.InvalidInnerList, 6 },
        { "a=(1\"x\")", StructuredFieldError.InvalidInnerList, 4 },
        { "a=(", StructuredFieldError.InvalidInnerList, 3 },
        { "a=((1))", StructuredFieldError.UnexpectedCharacter, 3 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_dictionaries_are_refused_with_the_error_and_where_it_is(string text, StructuredFieldError expected, int position)
    {
        Assert.False(SfParser.TryParseDictionary(text, out var dictionary, out var error, out var at));
        Assert.Empty(dictionary);
        Assert.Equal(expected, error);
        Assert.Equal(position, at);
    }

    [Fact]
    public void A_field_of_many_thousands_of_members_parses_quickly()
    {
        var members = string.Join(", ", Enumerable.Range(0, 20_000).Select(i => $"k{i}=(\"a\";p{i % 7}=1);created={i}"));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.True(SfParser.TryParseDictionary(members, out var dictionary, out _, out _));

        Assert.Equal(20_000, dictionary.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.False(SfParser.TryParseDictionary(members + ", k0=1", out _, out var error, out _));
        Assert.Equal(StructuredFieldError.DuplicateKey, error);
    }
}
