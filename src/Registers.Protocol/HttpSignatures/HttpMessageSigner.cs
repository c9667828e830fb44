using Registers.Protocol.Checkpoints;

namespace Registers.Protocol.HttpSignatures;

/// <summary>The two header fields that carry a request signature.</summary>
/// <param name="SignatureInput">The <c>Signature-Input</c> value, e.g. <c>sig1=("@method" "@path");created=1618884473;keyid="k";alg="ed25519"</c>.</param>
/// <param name="Signature">The <c>Signature</c> value, e.g. <c>sig1=:base64:</c>.</param>
public sealed record HttpSignatureHeaders(string SignatureInput, string Signature);

/// <summary>
/// Signs HTTP requests as RFC 9421 describes, with Ed25519 (section 3.3.6): the signature base of the
/// covered components is signed as it is, with no prehash.
/// </summary>
/// <remarks>
/// A signature base never ends in a newline and a signed note's text always does, so a request
/// signature cannot pass for a note signature by the same key, nor the other way round.
/// </remarks>
public static class HttpMessageSigner
{
    /// <summary>The <c>alg</c> value of RFC 9421's Ed25519 algorithm.</summary>
    public const string Algorithm = "ed25519";

    /// <summary>Signs <paramref name="request"/> and gives the fields to add to it.</summary>
    /// <exception cref="ArgumentException">
    /// The key is a cosignature key; or a component cannot be signed (a header field the request lacks,
    /// a value with a line break or non-ASCII, an invalid target URI or method), or the label or a
    /// string parameter cannot be written.
    /// </exception>
    public static HttpSignatureHeaders Sign(HttpRequestParts request, SignatureParameters parameters, SignerKey key)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type != SignatureType.Ed25519)
        {
            throw SignatureErrors.Argument(nameof(key), $"{key} is a cosignature key; requests are signed with Ed25519 note keys.");
        }

        var input = parameters.ToInnerList(HttpSignatureKeyIds.Of(key.VerifierKey));
        var problem = SignatureBase.TryCreate(request, input, out var signatureBase, out var component);
        if (problem != ComponentProblem.None)
        {
            throw SignatureErrors.CannotSign(component, problem);
        }

        var signature = new SfItem(new SfByteSequence(key.Sign(signatureBase)), []);
        return new HttpSignatureHeaders(
            SfSerializer.Serialize([new SfDictionaryMember(parameters.Label, input)]),
            SfSerializer.Serialize([new SfDictionaryMember(parameters.Label, signature)]));
    }
}
