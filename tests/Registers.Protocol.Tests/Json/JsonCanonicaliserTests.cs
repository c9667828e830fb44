using System.Text;
using Registers.Protocol.Json;
using Registers.Protocol.Tests.Support;
using Kind = Registers.Protocol.Json.CanonicaliseErrorKind;

namespace Registers.Protocol.Tests.Json;

public sealed class JsonCanonicaliserTests
{
    [Fact]
    public void Reproduces_the_canonical_form_of_each_specification_vector()
    {
        foreach (var example in SpecVectors.At("item_hash_v1").EnumerateArray())
        {
            var input = Encoding.UTF8.GetBytes(example.GetProperty("input").GetRawText());
            var canonical = JsonCanonicaliser.Canonicalise(input);
            Assert.Equal(example.GetProperty("canonical").GetString(), Encoding.UTF8.GetString(canonical));
        }
    }

    [Theory]
    [InlineData("{\n  \"foo\": \"abc\",\n  \"bar\": \"xyz\"\n}", "{\"bar\":\"xyz\",\"foo\":\"abc\"}")]
    [InlineData("{\"a\":\"x\\/y\"}", "{\"a\":\"x/y\"}")]
    [InlineData("{\"a\":\"\\u00e9\\u20AC\\ud83d\\ude00\"}", "{\"a\":\"\u00e9\u20ac\U0001F600\"}")]
    [InlineData("{\"a\":\"\\u0041\\u0022\\u005c\"}", "{\"a\":\"A\\\"\\\\\"}")]
    [InlineData("{\"a\":\"\\u000a\\u0009\\u0008\\u000C\\u000d\"}", "{\"a\":\"\\n\\t\\b\\f\\r\"}")]
    [InlineData("{\"a\":\"\\u001f\\u0000\\u000b\"}", "{\"a\":\"\\u001F\\u0000\\u000B\"}")]
    [InlineData("{\"b\":[\"z\", \"y\",\"z\"], \"a\":\"1\"}", "{\"a\":\"1\",\"b\":[\"z\",\"y\",\"z\"]}")]
    [InlineData("{\"a\":null,\"b\":\"\",\"c\":[],\"d\":[null,\"\"],\"e\":\"kept\"}", "{\"e\":\"kept\"}")]
    [InlineData("{\"a\":[\"x\",null,\"\",\"y\"]}", "{\"a\":[\"x\",\"y\"]}")]
    [InlineData("{\"a\":[\"x\"]}", "{\"a\":[\"x\"]}")] // a one-element array stays an array
    [InlineData("{}", "{}")]
    [InlineData(" { } ", "{}")]
    public void Canonicalises_other_spellings(string input, string expected)
    {
        Assert.True(JsonCanonicaliser.TryCanonicalise(Encoding.UTF8.GetBytes(input), out var canonical, out var error), error.Message);
        Assert.Equal(expected, Encoding.UTF8.GetString(canonical));
        Assert.True(CanonicalJson.IsCanonical(canonical, out var check), check.Message);
    }

    [Theory]
    [InlineData("{\"a\":1}", Kind.UnsupportedValue, "a")]
    [InlineData("{\"a\":true}", Kind.UnsupportedValue, "a")]
    [InlineData("{\"a\":{\"b\":\"c\"}}", Kind.UnsupportedValue, "a")]
    [InlineData("{\"a\":[\"b\",[\"c\"]]}", Kind.UnsupportedValue, "a")]
    [InlineData("{\"a\":\"1\",\"a\":\"2\"}", Kind.DuplicateAttribute, "a")]
    [InlineData("{\"a\":\"1\",\"\\u0061\":\"2\"}", Kind.DuplicateAttribute, "a")]
    [InlineData("{\"Name\":\"x\"}", Kind.InvalidAttributeName, "Name")]
    [InlineData("{\"a b\":\"x\"}", Kind.InvalidAttributeName, "a b")]
    [InlineData("[\"a\"]", Kind.ExpectedObject, null)]
    [InlineData("\"a\"", Kind.ExpectedObject, null)]
    [InlineData("{\"a\":\"b\",}", Kind.InvalidJson, null)]
    [InlineData("{\"a\":\"b\"} {}", Kind.InvalidJson, null)]
    [InlineData("{\"a\":\"b\"", Kind.InvalidJson, null)]
    [InlineData("{\"a\":\"\\ud800\"}", Kind.InvalidJson, null)] // lone surrogate
    [InlineData("{\"a\":\"b\"} // comment", Kind.InvalidJson, null)]
    public void Refuses_what_it_cannot_canonicalise_without_guessing(string input, Kind kind, string? attribute)
    {
        Assert.False(JsonCanonicaliser.TryCanonicalise(Encoding.UTF8.GetBytes(input), out _, out var error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(attribute, error.Attribute);
    }

    [Fact]
    public void Refuses_invalid_utf8()
    {
        Assert.False(JsonCanonicaliser.TryCanonicalise(Convert.FromHexString("7B2261223A22C328227D"), out _, out var error));
        Assert.Equal(Kind.InvalidJson, error.Kind);
    }

    [Fact]
    public void Unsupported_value_error_gives_the_attribute_and_byte_position()
    {
        JsonCanonicaliser.TryCanonicalise("{\"ok\":\"x\",\n \"n\": 42}"u8, out _, out var error);
        Assert.Equal(new CanonicaliseError(Kind.UnsupportedValue, "n", 17, "Number"), error);
    }
}
