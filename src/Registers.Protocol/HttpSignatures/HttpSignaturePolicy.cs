namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// What a verifier demands of a request signature beyond a valid Ed25519 signature (RFC 9421
/// section 3.2.1, application requirements).
/// </summary>
/// <remarks>
/// Time window, in whole Unix seconds: with <c>now</c> the verifier's clock, a signature is refused
/// when <c>created &gt; now + ClockSkew</c> (made in the future), when <c>now - created &gt; MaxAge</c>
/// (too old), or when it has <c>expires</c> and <c>now &gt; expires + ClockSkew</c>. The skew forgives a
/// signer's clock running ahead; <see cref="MaxAge"/> should itself allow for one running behind.
/// </remarks>
public sealed record HttpSignaturePolicy
{
    /// <summary>
    /// The policy for custodian writes: <c>@method</c> and <c>@path</c> or <c>@target-uri</c> covered,
    /// <c>content-digest</c> too whenever there is a body, <c>created</c> present, at most five minutes
    /// old, one minute of clock skew.
    /// </summary>
    public static HttpSignaturePolicy CustodianWrites { get; } = new()
    {
        RequiredComponents = [RequiredComponent.Of("@method"), RequiredComponent.AnyOf("@path", "@target-uri")],
    };

    /// <summary>Components that must be covered.</summary>
    public IReadOnlyList<RequiredComponent> RequiredComponents { get; init; } = [];

    /// <summary>
    /// When the request has a body (<see cref="HttpRequestParts.BodySha256"/> is set), require
    /// <c>content-digest</c> to be covered. Whenever it is covered and the body's digest is known,
    /// the field is checked against it, whatever this says.
    /// </summary>
    public bool RequireDigestWithBody { get; init; } = true;

    /// <summary>Require the <c>created</c> parameter. Without it there is no age to check.</summary>
    public bool RequireCreated { get; init; } = true;

    /// <summary>The oldest a signature may be, measured from its <c>created</c> time.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future <c>created</c> may be, and how long past <c>expires</c> a signature is still taken.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The first moment a signature created at <paramref name="created"/> (Unix seconds) is refused as too old: ages count
    /// in whole seconds, so one second after <c>created + MaxAge</c>. A replay guard must remember the signature until then.
    /// </summary>
    public DateTimeOffset TooOldFrom(long created) => DateTimeOffset.FromUnixTimeSeconds(created) + MaxAge + TimeSpan.FromSeconds(1);

    /// <summary>The signature label to check; null to check the only signature there is.</summary>
    public string? Label { get; init; }
}
