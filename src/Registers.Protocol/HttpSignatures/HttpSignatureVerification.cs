using System.Diagnostics.CodeAnalysis;
using Registers.Protocol.Checkpoints;

namespace Registers.Protocol.HttpSignatures;

/// <summary>A request signature that verified: who signed, when, and the signature itself.</summary>
/// <param name="Label">The label the signature had in <c>Signature-Input</c> and <c>Signature</c>.</param>
/// <param name="KeyId">The <c>keyid</c> parameter, as the signer wrote it.</param>
/// <param name="Key">The key the resolver gave for <paramref name="KeyId"/>, which verified the signature.</param>
/// <param name="Created">The <c>created</c> parameter, Unix seconds; null only under a policy that does not require it.</param>
/// <param name="Expires">The <c>expires</c> parameter, Unix seconds, if any.</param>
/// <param name="Nonce">The <c>nonce</c> parameter, if any.</param>
/// <param name="Tag">The <c>tag</c> parameter, if any.</param>
/// <param name="CoveredComponents">The covered component names, in signed order.</param>
/// <param name="Signature">The 64 signature bytes: with <paramref name="KeyId"/>, what replay detection can remember.</param>
public sealed record VerifiedRequestSignature(
    string Label,
    string KeyId,
    VerifierKey Key,
    long? Created,
    long? Expires,
    string? Nonce,
    string? Tag,
    IReadOnlyList<string> CoveredComponents,
    ReadOnlyMemory<byte> Signature);

/// <summary>
/// What checking a request signature found: the verified signature, or the first reason it was refused
/// with the detail that goes with that reason.
/// </summary>
public sealed class HttpSignatureVerification
{
    private HttpSignatureVerification(HttpSignatureFailure failure, string detail)
    {
        Failure = failure;
        Detail = detail;
    }

    /// <summary>True when the signature verified and met the policy.</summary>
    [MemberNotNullWhen(true, nameof(Verified))]
    public bool IsVerified => Verified is not null;

    /// <summary>Why the signature was refused, or <see cref="HttpSignatureFailure.None"/>.</summary>
    public HttpSignatureFailure Failure { get; }

    /// <summary>A one-line account of the failure, for logs and problem responses.</summary>
    public string Detail { get; }

    /// <summary>The verified signature; null unless <see cref="IsVerified"/>.</summary>
    public VerifiedRequestSignature? Verified { get; private init; }

    /// <summary>The label checked, once known.</summary>
    public string? Label { get; private init; }

    /// <summary>The <c>keyid</c> parameter, once read (also for <see cref="HttpSignatureFailure.UnknownKey"/> and <see cref="HttpSignatureFailure.BadSignature"/>).</summary>
    public string? KeyId { get; private init; }

    /// <summary>For <see cref="HttpSignatureFailure.Malformed"/> by syntax: what is wrong; <see cref="StructuredFieldError.None"/> when the fields parsed but had the wrong shape.</summary>
    public StructuredFieldError SyntaxError { get; private init; }

    /// <summary>For <see cref="HttpSignatureFailure.InvalidComponent"/>: why the component has no value.</summary>
    public ComponentProblem ComponentProblem { get; private init; }

    /// <summary>For <see cref="HttpSignatureFailure.ComponentNotCovered"/> the requirement, for <see cref="HttpSignatureFailure.InvalidComponent"/> the component identifier.</summary>
    public string? Component { get; private init; }

    /// <summary>For <see cref="HttpSignatureFailure.DigestMismatch"/>: what is wrong with <c>Content-Digest</c>.</summary>
    public ContentDigestProblem DigestProblem { get; private init; }

    /// <summary>"verified by keyid (label)", or the failure and its detail.</summary>
    public override string ToString() =>
        IsVerified ? $"verified: {Verified.KeyId} ({Verified.Label})" : $"{Failure}: {Detail}";

    internal static HttpSignatureVerification Success(VerifiedRequestSignature verified) =>
        new(HttpSignatureFailure.None, "verified") { Verified = verified, Label = verified.Label, KeyId = verified.KeyId };

    internal static HttpSignatureVerification Fail(HttpSignatureFailure failure, string detail, string? label = null, string? keyId = null) =>
        new(failure, detail) { Label = label, KeyId = keyId };

    internal static HttpSignatureVerification Syntax(string field, StructuredFieldError error, int position) =>
        new(HttpSignatureFailure.Malformed, $"{field} is not a structured dictionary: {SignatureErrors.Describe(error)} at character {position}")
        {
            SyntaxError = error,
        };

    internal static HttpSignatureVerification NotCovered(RequiredComponent requirement, string label, string? keyId) =>
        new(HttpSignatureFailure.ComponentNotCovered, $"the signature does not cover {requirement}")
        {
            Component = requirement.ToString(), Label = label, KeyId = keyId,
        };

    internal static HttpSignatureVerification Invalid(string component, ComponentProblem problem, string label, string? keyId) =>
        new(HttpSignatureFailure.InvalidComponent, $"covered component {component}: {SignatureErrors.Describe(problem)}")
        {
            Component = component, ComponentProblem = problem, Label = label, KeyId = keyId,
        };

    internal static HttpSignatureVerification Digest(ContentDigestProblem problem, string label, string? keyId) =>
        new(HttpSignatureFailure.DigestMismatch, $"Content-Digest: {SignatureErrors.Describe(problem)}")
        {
            DigestProblem = problem, Label = label, KeyId = keyId,
        };
}
