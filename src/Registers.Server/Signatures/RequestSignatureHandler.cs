using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Hosting;
using Registers.Server.Registers;

namespace Registers.Server.Signatures;

/// <summary>
/// Authenticates writes signed per RFC 9421 with the admin key or a custodian key. A request with a
/// body must sign its Content-Digest, and the body is then checked against it as it is read.
/// A signature is accepted once: a replay of it is refused, and so is one the process before a restart may have accepted:
/// made before this process started, or no later than the latest that process accepted in its own second or ahead of
/// the clock.
/// </summary>
internal sealed class RequestSignatureHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKey admin,
    CustodianKeyStore custodians,
    ReplayGuard replays,
    ServerStart start,
    LatestAcceptedCreated latestAccepted,
    Writes.BodyBytesPerKey bodyBytes,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "RequestSignature";
    public const string RoleClaim = "role";
    public const string KeyIdClaim = "keyid";
    public const string RegisterClaim = "register";
    public const string RevokedClaim = "revoked-register";
    public const string AdminRole = "admin";
    public const string CustodianRole = "custodian";

    private const string FailureItem = "signature-failure";

    private static readonly HttpSignaturePolicy Policy = HttpSignaturePolicy.CustodianWrites;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var input = Request.Headers["Signature-Input"].ToString();
        var signature = Request.Headers["Signature"].ToString();
        // Only writes need a signer. A signature on anything else (a read: public) is neither checked nor remembered, so
        // signed reads cannot fill the replay guard.
        if ((input.Length == 0 && signature.Length == 0) || Context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null)
        {
            return AuthenticateResult.NoResult();
        }

        var now = time.GetUtcNow();
        var parts = new HttpRequestParts(Request.Method, TargetUri(), Request.Headers.SelectMany(header => header.Value.Select(value => KeyValuePair.Create(header.Key, value ?? ""))));

        // First pass learns which key the request names; the key is then looked up and the signature checked.
        var probe = new HttpSignatureVerifier(_ => null, Policy).Verify(parts, input, signature, now);
        if (probe.KeyId is not { } keyId || probe.Failure != HttpSignatureFailure.UnknownKey)
        {
            return Fail(probe.Detail);
        }

        var (signer, grants, verification) = await VerifySignerAsync(parts, input, signature, now, keyId);
        if (verification.Verified is not { } verified || signer is null)
        {
            // Most often the URI was changed on the way: say which one was checked, and what a proxy must pass on.
            return Fail(verification.Failure == HttpSignatureFailure.BadSignature
                ? $"{verification.Detail}, checked against the target URI {parts.TargetUri}. Behind a reverse proxy the server must "
                    + $"receive the Host the client sent to, the scheme it used named in {ClientTarget.ProtoHeader} when it is not the one received, "
                    + $"and a path prefix the proxy took off named in {ClientTarget.PrefixHeader}."
                : verification.Detail);
        }

        if (Uncovered(verified) is { } uncovered)
        {
            return Fail($"The signature must cover {uncovered}.");
        }

        // The replay guard forgets what it saw when the server stops; our clients sign each try afresh. (The policy requires created.)
        var created = verified.Created!.Value;
        if (start.IsBefore(created))
        {
            return Fail("This signature was signed before the server started: sign it again.");
        }

        if (latestAccepted.MayHaveBeenAcceptedBefore(created))
        {
            return Fail($"This signature was created at {created} (Unix seconds), no later than the latest created time, {latestAccepted.BeforeStart}, "
                + "of a signature accepted before the server restarted, so it may be one of those: sign it again after that time.");
        }

        if (!replays.TryRecord(keyId, verified.Signature.Span, Policy.TooOldFrom(created)))
        {
            return Fail("This signature was already used: a retried write must be signed again.");
        }

        // Kept before the write goes on, so that a later process refuses this signature whatever its write does. Failing
        // (the database unreachable), it fails the request before anything of the write was stored, and the answer says so.
        try
        {
            await latestAccepted.RecordAsync(created, now, Context.RequestAborted);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new NothingStoredException(failure);
        }

        if (await BodyDigestProblemAsync(keyId) is { } digestProblem)
        {
            return Fail(digestProblem);
        }
        var fields = verified.CoveredComponents.Where(component => !component.StartsWith('@'))
            .ToDictionary(component => component, component => parts.CombinedField(component) ?? "", StringComparer.Ordinal);
        Context.Features.Set(new SignedWrite(keyId, Request.Method, parts.TargetUri, input, signature, fields, verified.Created));
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(keyId, signer, grants), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status401Unauthorized, "Signature required",
            Context.Items[FailureItem] as string ?? "Writes must be signed (RFC 9421, Ed25519) with the admin key or a custodian key: see docs/writes.md.");

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var register = Context.GetRouteValue("name") as string;
        var keyId = Context.User.FindFirstValue(KeyIdClaim);
        var adminOnly = register is null || Context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>()?.Policy == WritePolicy.Admin;

        // A custodian's write to a register that does not exist (a name mistyped) is told so: "not listed" would send them
        // to the admin for a key they already have. Registers are public, so this tells nothing a read would not.
        if (!adminOnly && await Context.RequestServices.GetRequiredService<RegisterSummaryReader>().ReadAsync(register!, Context.RequestAborted) is null)
        {
            await Parameters.UnknownRegister(register!).ExecuteAsync(Context);
            return;
        }

        var detail = Context.User.HasClaim(RevokedClaim, register ?? "")
            ? $"Key {keyId} was revoked for register '{register}'."
            : adminOnly
                ? $"Only the admin key may do this; {keyId} is a custodian key."
                : $"Key {keyId} is not listed as a custodian key of register '{register}'.";
        await Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed", detail);
    }

    /// <summary>
    /// The key the signature verifies with, the grants of keys with its id, and its verification. A key id is a name and
    /// 32 bits of hash, so another key can be made to share it: every distinct key listed with the id is tried. The admin
    /// key is tried first and alone, as a signature it verifies is the admin's whatever else shares its id: the admin's
    /// writes read no grants.
    /// </summary>
    private async Task<(VerifierKey? Signer, IReadOnlyList<CustodianKeyGrant> Grants, HttpSignatureVerification Verification)> VerifySignerAsync(
        HttpRequestParts parts, string input, string signature, DateTimeOffset now, string keyId)
    {
        HttpSignatureVerification? firstFailure = null;
        if (keyId == HttpSignatureKeyIds.Of(admin.Key))
        {
            firstFailure = Verify(admin.Key);
            if (firstFailure.IsVerified)
            {
                return (admin.Key, [], firstFailure);
            }
        }

        var hex = keyId[(keyId.LastIndexOf('+') + 1)..];
        var grants = (await custodians.FindAsync(hex, Context.RequestAborted)).Where(grant => HttpSignatureKeyIds.Of(grant.Key) == keyId).ToList();
        foreach (var key in grants.Select(grant => grant.Key).Where(key => !key.Equals(admin.Key)).Distinct())
        {
            var verification = Verify(key);
            if (verification.IsVerified)
            {
                return (key, grants, verification);
            }

            firstFailure ??= verification;
        }

        return (null, grants, firstFailure ?? new HttpSignatureVerifier(_ => null, Policy).Verify(parts, input, signature, now));

        HttpSignatureVerification Verify(VerifierKey key) => new HttpSignatureVerifier(id => id == keyId ? key : null, Policy).Verify(parts, input, signature, now);
    }

    /// <summary>Who signed: the admin, or a custodian allowed on exactly the registers that list the very key that verified.</summary>
    private ClaimsPrincipal Principal(string keyId, VerifierKey signer, IReadOnlyList<CustodianKeyGrant> grants)
    {
        var claims = new List<Claim> { new(KeyIdClaim, keyId), new(RoleClaim, signer.Equals(admin.Key) ? AdminRole : CustodianRole) };
        claims.AddRange(grants.Where(grant => grant.Key.Equals(signer))
            .Select(grant => new Claim(grant.Revoked ? RevokedClaim : RegisterClaim, grant.Register)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, KeyIdClaim, RoleClaim));
    }

    /// <summary>A body must be covered by a signed digest; headers that change what a write does must be signed too.</summary>
    private string? Uncovered(VerifiedRequestSignature verified)
    {
        var hasBody = Request.ContentLength > 0 || Request.Headers.TransferEncoding.Count > 0;
        var required = new List<string>();
        if (hasBody)
        {
            required.Add("content-digest");
        }

        required.AddRange(new[] { "idempotency-key", "if-match" }.Where(header => Request.Headers.ContainsKey(header)));

        // A query changes what a write does (lenient=true), so "@path" alone does not cover a request that has one.
        if (Request.QueryString.HasValue && !verified.CoveredComponents.Contains("@target-uri"))
        {
            required.Add("@query");
        }

        // "@path" names the resource but not the server: a write signed for another server that trusts the same key would
        // verify here too (within the replay window) unless the host it was sent to is covered.
        if (!verified.CoveredComponents.Contains("@target-uri"))
        {
            required.Add("@authority");
        }

        return required.FirstOrDefault(component => !verified.CoveredComponents.Contains(component));
    }

    /// <summary>
    /// Checks the body against the signed Content-Digest: a small body (a JSON write) now, before
    /// anything reads it, held to the bytes <paramref name="keyId"/> may have arriving at once (<see cref="Writes.BodyBytesPerKey"/>);
    /// an RSF stream as it is read, so a load commits only if it matched.
    /// </summary>
    private async Task<string?> BodyDigestProblemAsync(string keyId)
    {
        if (!ContentDigest.TryParseSha256(Request.Headers["Content-Digest"].ToString(), out var expected, out _))
        {
            return Request.Headers.ContainsKey("Content-Digest") ? "The Content-Digest field must give a sha-256 digest." : null;
        }

        if (Request.ContentType?.StartsWith(Writes.WriteEndpoints.RsfMediaType, StringComparison.OrdinalIgnoreCase) == true)
        {
            Request.Body = new DigestCheckingStream(Request.Body, expected);
            Context.Features.Set<IRequestBodyPipeFeature>(null); // the body pipe must read through the checking stream
            return null;
        }

        // Taken before any of the body is read, and held until the write has been answered: the body is held that long.
        var taken = bodyBytes.TryTake(keyId, Request.ContentLength)
            ?? throw Writes.TooManyBodyBytesException.Before(Request.ContentLength ?? 0, bodyBytes.PerKey);
        Response.RegisterForDispose(taken);
        if (Request.ContentLength is null)
        {
            Request.Body = new Writes.BodyBytesCountingStream(Request.Body, taken, bodyBytes.PerKey);
        }

        Request.EnableBuffering();
        var actual = Protocol.Hashing.Digest.FromBytes(await System.Security.Cryptography.SHA256.HashDataAsync(Request.Body, Context.RequestAborted));
        Request.Body.Position = 0;
        return actual == expected ? null : "The body does not match the signed Content-Digest: it was altered in flight.";
    }

    /// <summary>The target URI as the client sent it, as far as the server can tell (<see cref="ClientTarget"/>), with the path and query received.</summary>
    private string TargetUri() =>
        ClientTarget.Of(Request).Uri(Context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? Request.Path + Request.QueryString);

    private AuthenticateResult Fail(string detail)
    {
        Context.Items[FailureItem] = detail;
        return AuthenticateResult.Fail(detail);
    }
}
