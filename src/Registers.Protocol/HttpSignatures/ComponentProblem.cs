namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Why a covered component cannot be put in a signature base (RFC 9421 section 2.5 says to produce
/// an error and no base at all).
/// </summary>
public enum ComponentProblem
{
    /// <summary>The component has a value.</summary>
    None,

    /// <summary>
    /// A derived component this library does not derive: anything but <c>@method</c>, <c>@target-uri</c>,
    /// <c>@authority</c>, <c>@scheme</c>, <c>@request-target</c>, <c>@path</c> and <c>@query</c>
    /// (so <c>@query-param</c> and <c>@status</c> too), or <c>@signature-params</c> listed as covered.
    /// </summary>
    UnknownDerivedComponent,

    /// <summary>The component identifier has parameters (<c>sf</c>, <c>key</c>, <c>bs</c>, <c>req</c>, <c>tr</c>, <c>name</c>, ...), none of which are supported.</summary>
    UnsupportedParameter,

    /// <summary>The identifier is not a string, or names a field with other than lowercase token characters.</summary>
    InvalidName,

    /// <summary>The same component is listed twice.</summary>
    Duplicate,

    /// <summary>The request has no header field of that name.</summary>
    FieldMissing,

    /// <summary>
    /// The value may not go into a signature base: a method that is not a token, or a field value
    /// holding a line break (other than an obsolete line fold), a control character or non-ASCII.
    /// </summary>
    InvalidValue,

    /// <summary>The target URI is not <c>scheme://authority[/path][?query]</c> in printable ASCII, without user info or fragment, so no part of it can be derived.</summary>
    InvalidTargetUri,
}
