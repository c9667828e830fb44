using System.Text;
using Registers.Protocol.Json;
using Registers.Protocol.Tests.Support;
using Kind = Registers.Protocol.Json.CanonicalJsonErrorKind;

namespace Registers.Protocol.Tests.Json;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Accepts_the_canonical_strings_of_the_specification_vectors()
    {
        foreach (var example in SpecVectors.At("item_hash_v1").EnumerateArray())
        {
            var canonical = Encoding.UTF8.GetBytes(example.GetProperty("canonical").GetString()!);
            Assert.True(CanonicalJson.IsCanonical(canonical, out var error), error.Message);
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"a\":\"b\"}")]
    [InlineData("{\"a\":[\"b\",\"c\"]}")]
    [InlineData("{\"a\":[\"c\",\"b\",\"c\"]}")] // array order is data: kept, repeats and all
    [InlineData("{\"a\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001F\\u000B\"}")]
    [InlineData("{\"a\":\"x/y\"}")] // solidus literal
    [InlineData("{\"a\":\"\u00e9\u20ac\U0001F600\"}")] // non-ASCII literal
    [InlineData("{\"a\":\"\u007f\u2028\"}")] // DEL and U+2028 are not control characters in JSON's sense: literal
    [InlineData("{\"a\":\"1\",\"a-\":\"2\",\"a0\":\"3\",\"aa\":\"4\",\"b\":\"5\"}")] // byte order: '-' < '0' < 'a', prefix first
    public void Accepts_canonical_items(string json) =>
        Assert.True(CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(json), out var error), error.Message);

    [Theory]
    [InlineData("{\"foo\":\"abc\",\"bar\":\"xyz\"}", Kind.KeysNotSorted, 13)]
    [InlineData("{\"a-b\":\"1\",\"a\":\"2\"}", Kind.KeysNotSorted, 11)]
    [InlineData("{\"a0\":\"1\",\"a-\":\"2\"}", Kind.KeysNotSorted, 10)]
    [InlineData("{\"a\":\"b\",\"a\":\"c\"}", Kind.DuplicateKey, 9)]
    [InlineData("{\"a\": \"b\"}", Kind.InsignificantWhitespace, 5)]
    [InlineData("{ \"a\":\"b\"}", Kind.InsignificantWhitespace, 1)]
    [InlineData(" {\"a\":\"b\"}", Kind.InsignificantWhitespace, 0)]
    [InlineData("{\"a\":\"b\"}\n", Kind.InsignificantWhitespace, 9)]
    [InlineData("{\"a\":[\"b\", \"c\"]}", Kind.InsignificantWhitespace, 10)]
    [InlineData("{\"a\" :\"b\"}", Kind.InsignificantWhitespace, 4)]
    [InlineData("{\"a\":\"b\"}x", Kind.TrailingData, 9)]
    [InlineData("{\"a\":\"b\"}{}", Kind.TrailingData, 9)]
    [InlineData("{\"a\":\"b\",}", Kind.UnexpectedByte, 9)]
    [InlineData("{\"a\"\"b\"}", Kind.UnexpectedByte, 4)]
    [InlineData("{\"a\":\"b\";\"c\":\"d\"}", Kind.UnexpectedByte, 8)]
    [InlineData("{\"a\":\"b\"", Kind.UnexpectedEnd, 8)]
    [InlineData("{\"a\":\"b", Kind.UnexpectedEnd, 7)]
    [InlineData("{\"a\":[\"b\"", Kind.UnexpectedEnd, 9)]
    [InlineData("", Kind.UnexpectedEnd, 0)]
    [InlineData("[\"a\"]", Kind.ExpectedObject, 0)]
    [InlineData("\"a\"", Kind.ExpectedObject, 0)]
    [InlineData("\uFEFF{\"a\":\"b\"}", Kind.ExpectedObject, 0)] // a byte order mark is not JSON
    [InlineData("{\"A\":\"b\"}", Kind.InvalidAttributeName, 2)]
    [InlineData("{\"ab_c\":\"d\"}", Kind.InvalidAttributeName, 4)]
    [InlineData("{\"1a\":\"b\"}", Kind.InvalidAttributeName, 2)]
    [InlineData("{\"\":\"b\"}", Kind.InvalidAttributeName, 2)]
    [InlineData("{\"a\\u0062\":\"c\"}", Kind.InvalidAttributeName, 3)]
    [InlineData("{\"a\":1}", Kind.UnsupportedValue, 5)]
    [InlineData("{\"a\":-1}", Kind.UnsupportedValue, 5)]
    [InlineData("{\"a\":true}", Kind.UnsupportedValue, 5)]
    [InlineData("{\"a\":null}", Kind.UnsupportedValue, 5)]
    [InlineData("{\"a\":{\"b\":\"c\"}}", Kind.UnsupportedValue, 5)]
    [InlineData("{\"a\":[\"b\",[\"c\"]]}", Kind.UnsupportedValue, 10)]
    [InlineData("{\"a\":[\"b\",1]}", Kind.UnsupportedValue, 10)]
    [InlineData("{\"a\":\"\"}", Kind.EmptyValue, 5)]
    [InlineData("{\"a\":[]}", Kind.EmptyValue, 5)]
    [InlineData("{\"a\":[\"b\",\"\"]}", Kind.EmptyValue, 10)]
    [InlineData("{\"a\":\"x\\/y\"}", Kind.EscapedSolidus, 7)]
    [InlineData("{\"a\":\"\\u00e9\"}", Kind.EscapedNonControlCharacter, 6)] // escaped non-ASCII
    [InlineData("{\"a\":\"\\u00E9\"}", Kind.EscapedNonControlCharacter, 6)]
    [InlineData("{\"a\":\"\\u0041\"}", Kind.EscapedNonControlCharacter, 6)] // escaped printable ASCII
    [InlineData("{\"a\":\"\\u007F\"}", Kind.EscapedNonControlCharacter, 6)]
    [InlineData("{\"a\":\"\\u0022\"}", Kind.EscapedNonControlCharacter, 6)] // '"' has its own short escape
    [InlineData("{\"a\":\"\\uD83D\\uDE00\"}", Kind.EscapedNonControlCharacter, 6)]
    [InlineData("{\"a\":\"\\u000A\"}", Kind.LongFormOfShortEscape, 6)]
    [InlineData("{\"a\":\"\\u0009\"}", Kind.LongFormOfShortEscape, 6)]
    [InlineData("{\"a\":\"x\\u000c\"}", Kind.LongFormOfShortEscape, 7)]
    [InlineData("{\"a\":\"\\u001f\"}", Kind.LowercaseHexEscape, 6)]
    [InlineData("{\"a\":\"\\u001b\"}", Kind.LowercaseHexEscape, 6)]
    [InlineData("{\"a\":\"\\x\"}", Kind.InvalidEscape, 6)]
    [InlineData("{\"a\":\"\\'\"}", Kind.InvalidEscape, 6)]
    [InlineData("{\"a\":\"\\u00G1\"}", Kind.InvalidEscape, 6)]
    [InlineData("{\"a\":\"\\u00\"}", Kind.InvalidEscape, 6)]
    [InlineData("{\"a\":\"x\ty\"}", Kind.UnescapedControlCharacter, 7)]
    [InlineData("{\"a\":\"x\ny\"}", Kind.UnescapedControlCharacter, 7)]
    [InlineData("{\"a\":\"\u0000\"}", Kind.UnescapedControlCharacter, 6)]
    public void Rejects_non_canonical_text_with_reason_and_position(string json, Kind kind, int position)
    {
        Assert.False(CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(json), out var error));
        Assert.Equal(new CanonicalJsonError(kind, position), error);
    }

    [Theory]
    [InlineData("7B2261223A22C328227D", 6)] // 0xC3 followed by '(' : truncated two-byte sequence
    [InlineData("7B2261223A22C0AF227D", 6)] // overlong '/'
    [InlineData("7B2261223A22EDA080227D", 6)] // UTF-8 encoded surrogate U+D800
    [InlineData("7B2261223A22F4908080227D", 6)] // beyond U+10FFFF
    [InlineData("7B2261223A2278E282", 7)] // truncated at the end
    [InlineData("7B2261223A2280227D", 6)] // lone continuation byte
    [InlineData("7B80", 1)] // outside a string
    public void Rejects_invalid_utf8_at_the_first_bad_byte(string hex, int position)
    {
        Assert.False(CanonicalJson.IsCanonical(Convert.FromHexString(hex), out var error));
        Assert.Equal(new CanonicalJsonError(Kind.InvalidUtf8, position), error);
    }

    [Fact]
    public void Error_message_names_reason_and_position()
    {
        CanonicalJson.IsCanonical("{\"b\":\"1\",\"a\":\"2\"}"u8, out var error);
        Assert.Equal("keys must be sorted (at byte 9)", error.Message);
    }

    [Theory]
    [InlineData("name", true)]
    [InlineData("start-date", true)]
    [InlineData("key-01", true)]
    [InlineData("0x", false)]
    [InlineData("42-date", false)]
    [InlineData("-boo", false)]
    [InlineData("Name", false)]
    [InlineData("a_b", false)]
    [InlineData("", false)]
    public void Attribute_names_are_lower_case_letters_digits_and_hyphens_starting_with_a_letter(string name, bool valid)
    {
        Assert.Equal(valid, CanonicalJson.IsAttributeName(name));
        Assert.Equal(valid, CanonicalJson.IsAttributeName(Encoding.UTF8.GetBytes(name)));
    }
}
