namespace Registers.Protocol.Json;

/// <summary>Why input in some other shape cannot be turned into a canonical item.</summary>
public enum CanonicaliseErrorKind
{
    /// <summary>The input is not JSON (RFC 8259), or not valid UTF-8 / UTF-16.</summary>
    InvalidJson,

    /// <summary>The JSON is not an object.</summary>
    ExpectedObject,

    /// <summary>A member name or column is not an attribute name (<c>[a-z][a-z0-9-]*</c>).</summary>
    InvalidAttributeName,

    /// <summary>A member name or column appears twice.</summary>
    DuplicateAttribute,

    /// <summary>A value is a number, boolean, object or nested array; v1 values are strings or arrays of strings.</summary>
    UnsupportedValue,

    /// <summary>A CSV column names no field of the register.</summary>
    UnknownField,
}

/// <summary>Why input could not be canonicalised, with the attribute concerned and, for JSON, a byte position.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Attribute">The member name or CSV column concerned, when there is one.</param>
/// <param name="Position">Zero-based byte offset in JSON input, or -1 when there is none (CSV).</param>
/// <param name="Detail">More about the problem, such as the JSON reader's own message.</param>
public readonly record struct CanonicaliseError(CanonicaliseErrorKind Kind, string? Attribute, long Position, string? Detail = null)
{
    /// <summary>A sentence saying what is wrong.</summary>
    public string Message
    {
        get
        {
            var what = Kind switch
            {
                CanonicaliseErrorKind.InvalidJson => "invalid JSON",
                CanonicaliseErrorKind.ExpectedObject => "an item must be a JSON object",
                CanonicaliseErrorKind.InvalidAttributeName => "not an attribute name [a-z][a-z0-9-]*",
                CanonicaliseErrorKind.DuplicateAttribute => "attribute given more than once",
                CanonicaliseErrorKind.UnsupportedValue => "values must be strings or arrays of strings",
                CanonicaliseErrorKind.UnknownField => "no such field in the register",
                _ => Kind.ToString(),
            };
            var attribute = Attribute is null ? "" : $" '{Attribute}'";
            var position = Position >= 0 ? $" (at byte {Position})" : "";
            var detail = Detail is null ? "" : $": {Detail}";
            return what + attribute + position + detail;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
