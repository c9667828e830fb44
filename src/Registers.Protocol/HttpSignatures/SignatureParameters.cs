namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// What to sign and how to describe it: the covered components in order and the signature parameters
/// (RFC 9421 section 2.3), written in the order <c>created</c>, <c>expires</c>, <c>keyid</c>,
/// <c>alg</c>, <c>nonce</c>, <c>tag</c>.
/// </summary>
public sealed record SignatureParameters
{
    /// <summary>The label naming the signature in both fields.</summary>
    public const string DefaultLabel = "sig1";

    /// <summary>
    /// The covered components, in the order they are signed: derived components (<c>@method</c>,
    /// <c>@target-uri</c>, <c>@authority</c>, <c>@scheme</c>, <c>@request-target</c>, <c>@path</c>,
    /// <c>@query</c>) and lowercase header field names.
    /// </summary>
    public required IReadOnlyList<string> Components { get; init; }

    /// <summary>The creation time; written as whole Unix seconds, the fraction dropped.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The <c>keyid</c>; null for the signing key's <see cref="HttpSignatureKeyIds.Of"/>.</summary>
    public string? KeyId { get; init; }

    /// <summary>An expiry time, if the signer wants one; whole Unix seconds.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>A nonce, if any.</summary>
    public string? Nonce { get; init; }

    /// <summary>An application tag, if any.</summary>
    public string? Tag { get; init; }

    /// <summary>Write <c>alg="ed25519"</c>. On by default; RFC 9421's own examples leave it out.</summary>
    public bool IncludeAlgorithm { get; init; } = true;

    /// <summary>The signature's label; <see cref="DefaultLabel"/> unless set.</summary>
    public string Label { get; init; } = DefaultLabel;

    /// <summary>The covered components and parameters as the inner list both the base and <c>Signature-Input</c> hold.</summary>
    /// <exception cref="ArgumentException">A component, the label or a string parameter cannot be written.</exception>
    internal SfInnerList ToInnerList(string defaultKeyId)
    {
        ArgumentNullException.ThrowIfNull(Components, nameof(Components));
        if (!SfSyntax.IsKey(Label))
        {
            throw SignatureErrors.Argument(nameof(Label), $"'{Label}' is not a valid label: lowercase letters, digits, '_', '-', '.', '*'.");
        }

        foreach (var component in Components)
        {
            SignatureErrors.ThrowIfNotComponentName(component, nameof(Components));
        }

        var keyId = KeyId ?? defaultKeyId;
        SignatureErrors.ThrowIfNotSfString(keyId, nameof(KeyId));
        SignatureErrors.ThrowIfNotSfString(Nonce, nameof(Nonce));
        SignatureErrors.ThrowIfNotSfString(Tag, nameof(Tag));

        var parameters = new List<SfParameter> { new("created", new SfInteger(Created.ToUnixTimeSeconds())) };
        if (Expires is { } expires)
        {
            parameters.Add(new("expires", new SfInteger(expires.ToUnixTimeSeconds())));
        }

        parameters.Add(new("keyid", new SfString(keyId)));
        if (IncludeAlgorithm)
        {
            parameters.Add(new("alg", new SfString(HttpMessageSigner.Algorithm)));
        }

        if (Nonce is not null)
        {
            parameters.Add(new("nonce", new SfString(Nonce)));
        }

        if (Tag is not null)
        {
            parameters.Add(new("tag", new SfString(Tag)));
        }

        return new SfInnerList([.. Components.Select(c => new SfItem(new SfString(c), []))], parameters);
    }
}
