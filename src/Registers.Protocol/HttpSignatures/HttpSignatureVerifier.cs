using Registers.Protocol.Checkpoints;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// Verifies Ed25519 request signatures (RFC 9421 section 3.2) against a policy and the keys a resolver
/// knows. Never throws on what a request carries: every refusal is a typed
/// <see cref="HttpSignatureVerification"/>.
/// </summary>
/// <remarks>
/// Checks run in this order, and the first to fail is reported: both fields present; both parse;
/// one signature chosen; its shape; <c>alg</c>; <c>created</c> present; required components
/// covered; time window; key known; signature base made; Ed25519 signature; then, when
/// <c>content-digest</c> is covered and the body's digest is known, the digest. So a changed
/// Content-Digest field is <see cref="HttpSignatureFailure.BadSignature"/> and a changed body under an
/// intact field is <see cref="HttpSignatureFailure.DigestMismatch"/>. Replays are not detected
/// here: the caller remembers (<c>keyid</c>, signature) pairs for as long as signatures stay fresh.
/// Immutable; safe to share between threads if the resolver is.
/// </remarks>
/// <param name="resolveKey">Gives the verifier key for a <c>keyid</c>, or null when it knows none.</param>
/// <param name="policy">What is demanded beyond a valid signature.</param>
public sealed class HttpSignatureVerifier(Func<string, VerifierKey?> resolveKey, HttpSignaturePolicy policy)
{
    private readonly Func<string, VerifierKey?> _resolveKey = resolveKey ?? throw new ArgumentNullException(nameof(resolveKey));
    private readonly HttpSignaturePolicy _policy = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>A verifier that knows <paramref name="keys"/>, by <see cref="HttpSignatureKeyIds.Of"/>.</summary>
    public HttpSignatureVerifier(IEnumerable<VerifierKey> keys, HttpSignaturePolicy policy)
        : this(HttpSignatureKeyIds.Resolver(keys), policy)
    {
    }

    /// <summary>The policy this verifier applies.</summary>
    public HttpSignaturePolicy Policy => _policy;

    /// <summary>Verifies the signature a request carries.</summary>
    /// <param name="request">The request as received. Set <see cref="HttpRequestParts.BodySha256"/> whenever it has a body.</param>
    /// <param name="signatureInput">The <c>Signature-Input</c> field value, several lines joined by <c>", "</c>; null when absent.</param>
    /// <param name="signature">The <c>Signature</c> field value, likewise.</param>
    /// <param name="now">
    /// The time to judge freshness by: when the request arrived, so that a long upload is not refused
    /// for the time its body took.
    /// </param>
    public HttpSignatureVerification Verify(HttpRequestParts request, string? signatureInput, string? signature, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SignatureFields.TryRead(signatureInput, signature, _policy.Label, out var failure) is not { } parsed)
        {
            return failure!;
        }

        var label = parsed.Label;
        var keyId = parsed.KeyId;
        if (parsed.Algorithm is { } algorithm && algorithm != HttpMessageSigner.Algorithm)
        {
            return HttpSignatureVerification.Fail(HttpSignatureFailure.WrongAlgorithm, $"alg is \"{algorithm}\", not \"{HttpMessageSigner.Algorithm}\"", label, keyId);
        }

        if (parsed.Created is null && _policy.RequireCreated)
        {
            return HttpSignatureVerification.Fail(HttpSignatureFailure.MissingCreated, "the signature has no created parameter", label, keyId);
        }

        if (MissingRequirement(request, parsed) is { } requirement)
        {
            return HttpSignatureVerification.NotCovered(requirement, label, keyId);
        }

        if (CheckTime(parsed, now) is { } late)
        {
            return HttpSignatureVerification.Fail(late.Failure, late.Detail, label, keyId);
        }

        var key = keyId is null ? null : _resolveKey(keyId);
        if (key is null)
        {
            return HttpSignatureVerification.Fail(HttpSignatureFailure.UnknownKey, keyId is null ? "the signature has no keyid" : $"no key is known as '{keyId}'", label, keyId);
        }

        if (key.Type != SignatureType.Ed25519)
        {
            return HttpSignatureVerification.Fail(HttpSignatureFailure.WrongAlgorithm, $"'{keyId}' resolves to a cosignature key", label, keyId);
        }

        var problem = SignatureBase.TryCreate(request, parsed.Input, out var signatureBase, out var component);
        if (problem != ComponentProblem.None)
        {
            return HttpSignatureVerification.Invalid(component, problem, label, keyId);
        }

        if (!key.Verify(signatureBase, parsed.Signature, out _))
        {
            return HttpSignatureVerification.Fail(HttpSignatureFailure.BadSignature, $"the signature does not verify with '{keyId}'", label, keyId);
        }

        if (request.BodySha256 is { } body && parsed.ComponentNames.Contains("content-digest"))
        {
            var digest = ContentDigest.Check(request.CombinedField("content-digest"), body);
            if (digest != ContentDigestProblem.None)
            {
                return HttpSignatureVerification.Digest(digest, label, keyId);
            }
        }

        return HttpSignatureVerification.Success(new VerifiedRequestSignature(
            label, keyId!, key, parsed.Created, parsed.Expires, parsed.Nonce, parsed.Tag, parsed.ComponentNames, parsed.Signature));
    }

    private RequiredComponent? MissingRequirement(HttpRequestParts request, ParsedSignature parsed)
    {
        var covered = parsed.ComponentNames.ToHashSet(StringComparer.Ordinal);
        var missing = _policy.RequiredComponents.FirstOrDefault(r => !r.IsMetBy(covered));
        if (missing is null && _policy.RequireDigestWithBody && request.BodySha256 is not null && !covered.Contains("content-digest"))
        {
            missing = ContentDigestRequirement;
        }

        return missing;
    }

    private (HttpSignatureFailure Failure, string Detail)? CheckTime(ParsedSignature parsed, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        var skew = (long)_policy.ClockSkew.TotalSeconds;
        if (parsed.Created is { } created)
        {
            if (created > seconds + skew)
            {
                return (HttpSignatureFailure.CreatedInFuture, $"created {created} is {created - seconds} s ahead of now ({seconds})");
            }

            if (seconds - created > (long)_policy.MaxAge.TotalSeconds)
            {
                return (HttpSignatureFailure.Expired, $"created {created} is {seconds - created} s old, more than {(long)_policy.MaxAge.TotalSeconds} s");
            }
        }

        if (parsed.Expires is { } expires && seconds > expires + skew)
        {
            return (HttpSignatureFailure.Expired, $"expired at {expires}, now is {seconds}");
        }

        return null;
    }

    private static readonly RequiredComponent ContentDigestRequirement = RequiredComponent.Of("content-digest");
}
