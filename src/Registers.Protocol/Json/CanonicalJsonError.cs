namespace Registers.Protocol.Json;

/// <summary>Why a byte sequence is not a canonical GOV.UK v1 item.</summary>
public enum CanonicalJsonErrorKind
{
    /// <summary>The bytes are not well-formed UTF-8 (overlong forms, surrogates and truncated sequences included).</summary>
    InvalidUtf8,

    /// <summary>The text does not start with <c>{</c>: an item is a JSON object.</summary>
    ExpectedObject,

    /// <summary>Whitespace outside a string: canonical form has none.</summary>
    InsignificantWhitespace,

    /// <summary>A byte that JSON does not allow here.</summary>
    UnexpectedByte,

    /// <summary>The text ends inside the object or a string.</summary>
    UnexpectedEnd,

    /// <summary>Something follows the closing <c>}</c> of the object.</summary>
    TrailingData,

    /// <summary>A key is not an attribute name (<c>[a-z][a-z0-9-]*</c>).</summary>
    InvalidAttributeName,

    /// <summary>A key does not sort after the key before it.</summary>
    KeysNotSorted,

    /// <summary>A key repeats the key before it.</summary>
    DuplicateKey,

    /// <summary>A value is a number, boolean, null, object or nested array: v1 values are strings or arrays of strings.</summary>
    UnsupportedValue,

    /// <summary>An empty string or empty array: v1 treats these as absent, so canonical form omits them.</summary>
    EmptyValue,

    /// <summary>A raw control character (U+0000 to U+001F) inside a string.</summary>
    UnescapedControlCharacter,

    /// <summary>A backslash not followed by a JSON escape (<c>\x</c>, <c>\u12G4</c>, ...).</summary>
    InvalidEscape,

    /// <summary><c>\/</c>: the solidus must be written literally.</summary>
    EscapedSolidus,

    /// <summary><c>\uXXXX</c> for a character that is not a control character (printable ASCII or any non-ASCII): it must be written literally.</summary>
    EscapedNonControlCharacter,

    /// <summary><c>\u0008</c>, <c>\u0009</c>, <c>\u000A</c>, <c>\u000C</c> or <c>\u000D</c>: the short form (<c>\b \t \n \f \r</c>) is required.</summary>
    LongFormOfShortEscape,

    /// <summary><c>\u001f</c>: hex digits in <c>\u</c> escapes must be upper case.</summary>
    LowercaseHexEscape,
}

/// <summary>
/// The first reason a byte sequence is not canonical, with the zero-based byte offset where it was found.
/// A value type so that validation allocates nothing.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Position">Zero-based byte offset of the offending byte (the input length when the input ends too early).</param>
public readonly record struct CanonicalJsonError(CanonicalJsonErrorKind Kind, int Position)
{
    /// <summary>A sentence saying what is wrong and where.</summary>
    public string Message => $"{Reason} (at byte {Position})";

    /// <summary>What is wrong, without the position (for callers that place it themselves).</summary>
    public string Reason => Describe(Kind);

    /// <inheritdoc/>
    public override string ToString() => Message;

    private static string Describe(CanonicalJsonErrorKind kind) => kind switch
    {
        CanonicalJsonErrorKind.InvalidUtf8 => "invalid UTF-8",
        CanonicalJsonErrorKind.ExpectedObject => "an item must be a JSON object",
        CanonicalJsonErrorKind.InsignificantWhitespace => "whitespace outside strings is not canonical",
        CanonicalJsonErrorKind.UnexpectedByte => "unexpected byte",
        CanonicalJsonErrorKind.UnexpectedEnd => "unexpected end of input",
        CanonicalJsonErrorKind.TrailingData => "data after the end of the object",
        CanonicalJsonErrorKind.InvalidAttributeName => "keys must be attribute names [a-z][a-z0-9-]*",
        CanonicalJsonErrorKind.KeysNotSorted => "keys must be sorted",
        CanonicalJsonErrorKind.DuplicateKey => "duplicate key",
        CanonicalJsonErrorKind.UnsupportedValue => "values must be strings or arrays of strings",
        CanonicalJsonErrorKind.EmptyValue => "empty strings and empty arrays must be omitted",
        CanonicalJsonErrorKind.UnescapedControlCharacter => "control characters must be escaped",
        CanonicalJsonErrorKind.InvalidEscape => "invalid escape sequence",
        CanonicalJsonErrorKind.EscapedSolidus => "'/' must not be escaped",
        CanonicalJsonErrorKind.EscapedNonControlCharacter => "only control characters may be written as \\u escapes",
        CanonicalJsonErrorKind.LongFormOfShortEscape => "use the short escape (\\b \\t \\n \\f \\r)",
        CanonicalJsonErrorKind.LowercaseHexEscape => "\\u escapes must use upper-case hex digits",
        _ => kind.ToString(),
    };
}
