namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Why a field value is not the structured field (RFC 8941) it should be. Parsing stops at the first
/// problem; its character position is reported beside the kind.
/// </summary>
public enum StructuredFieldError
{
    /// <summary>The value parsed.</summary>
    None,

    /// <summary>A character outside ASCII: RFC 8941 fails on any such input.</summary>
    NotAscii,

    /// <summary>A dictionary or parameter key does not start with a lowercase letter or <c>*</c>.</summary>
    InvalidKey,

    /// <summary>
    /// A dictionary key or a parameter key appears twice. RFC 8941 keeps the last value; this parser
    /// refuses instead, so that a signature label or a signature parameter can never mean two things.
    /// </summary>
    DuplicateKey,

    /// <summary>A value starts with a character that begins no kind of item.</summary>
    UnexpectedCharacter,

    /// <summary>An integer has no digits or more than 15, or a decimal has more than 12 integer or 3 fraction digits, or ends in a dot.</summary>
    InvalidNumber,

    /// <summary>A string is unterminated, holds a control or non-ASCII character, or escapes something other than <c>"</c> or <c>\</c>.</summary>
    InvalidString,

    /// <summary>A byte sequence is unterminated or holds a character outside base64.</summary>
    InvalidByteSequence,

    /// <summary>A boolean is not <c>?0</c> or <c>?1</c>.</summary>
    InvalidBoolean,

    /// <summary>An inner list is unterminated, or two of its items are not separated by a space.</summary>
    InvalidInnerList,

    /// <summary>Members are not separated by a comma, or a comma is followed by nothing.</summary>
    InvalidSeparator,
}
