namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Every exception this namespace throws is made here, and every failure reason put into words
/// here. Exceptions are for callers' mistakes when signing or configuring; verification never throws
/// on what a request carries.
/// </summary>
internal static class SignatureErrors
{
    internal static string Describe(StructuredFieldError error) => error switch
    {
        StructuredFieldError.None => "no error",
        StructuredFieldError.NotAscii => "a character outside ASCII",
        StructuredFieldError.InvalidKey => "a key that does not start with a lowercase letter or '*'",
        StructuredFieldError.DuplicateKey => "a repeated key",
        StructuredFieldError.UnexpectedCharacter => "a character that starts no item",
        StructuredFieldError.InvalidNumber => "an invalid integer or decimal",
        StructuredFieldError.InvalidString => "an invalid string",
        StructuredFieldError.InvalidByteSequence => "an invalid byte sequence",
        StructuredFieldError.InvalidBoolean => "an invalid boolean",
        StructuredFieldError.InvalidInnerList => "an unterminated or unspaced inner list",
        StructuredFieldError.InvalidSeparator => "a missing or trailing comma",
        _ => error.ToString(),
    };

    internal static string Describe(ComponentProblem problem) => problem switch
    {
        ComponentProblem.None => "no problem",
        ComponentProblem.UnknownDerivedComponent => "not a derived component this verifier supports",
        ComponentProblem.UnsupportedParameter => "component parameters are not supported",
        ComponentProblem.InvalidName => "not a lowercase field name or derived component",
        ComponentProblem.Duplicate => "listed twice",
        ComponentProblem.FieldMissing => "no such header field in the request",
        ComponentProblem.InvalidValue => "its value holds a line break, a control or non-ASCII character, or is not a valid method",
        ComponentProblem.InvalidTargetUri => "the target URI is not scheme://authority/path?query in printable ASCII",
        _ => problem.ToString(),
    };

    internal static string Describe(ContentDigestProblem problem) => problem switch
    {
        ContentDigestProblem.None => "matches the body",
        ContentDigestProblem.Missing => "absent",
        ContentDigestProblem.Malformed => "not a dictionary with a 32-byte sha-256 byte sequence",
        ContentDigestProblem.NoSha256 => "no sha-256 digest",
        ContentDigestProblem.Mismatch => "the sha-256 digest is not that of the body",
        _ => problem.ToString(),
    };

    /// <summary>Refuses a name that is neither a supported derived component nor a lowercase field name.</summary>
    internal static void ThrowIfNotComponentName(string? name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (!ComponentValues.DerivedNames.Contains(name) && !ComponentValues.IsFieldName(name))
        {
            throw Argument(paramName, $"'{name}' is neither a supported derived component nor a lowercase field name.");
        }
    }

    /// <summary>Refuses a string parameter that a structured field string cannot hold.</summary>
    internal static void ThrowIfNotSfString(string? value, string paramName)
    {
        if (value is not null && !SfSyntax.IsStringContent(value))
        {
            throw Argument(paramName, "Signature parameters may hold printable ASCII only.");
        }
    }

    internal static ArgumentException CannotSign(string component, ComponentProblem problem) =>
        new($"Component {component} cannot be signed: {Describe(problem)}.", "request");

    internal static ArgumentException Argument(string paramName, string message) => new(message, paramName);
}
