using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;
using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>
/// A custodian's signed write, verified under the custodian-write policy, and every way it can be
/// refused. Each failure case changes one thing about a request that otherwise verifies.
/// </summary>
public sealed class VerifierTests : IDisposable
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
    private static readonly DateTimeOffset Now = Created.AddSeconds(10);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"country\":\"GB\",\"name\":\"United Kingdom\"}\n");
    private static readonly string[] Components = ["@method", "@target-uri", "content-digest", "content-type"];

    private readonly SignerKey _key = SignerKey.Generate("custodian.example/alice");
    private readonly SignerKey _other = SignerKey.Generate("custodian.example/alice");

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    [Fact]
    public void A_signed_write_verifies_and_says_who_signed_when_and_what()
    {
        var headers = Sign(Request(), Components);

        var result = Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, Now);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(HttpSignatureFailure.None, result.Failure);
        Assert.Equal("sig1", result.Verified.Label);
        Assert.Equal(HttpSignatureKeyIds.Of(_key.VerifierKey), result.Verified.KeyId);
        Assert.Equal(_key.VerifierKey, result.Verified.Key);
        Assert.Equal(Created.ToUnixTimeSeconds(), result.Verified.Created);
        Assert.Null(result.Verified.Expires);
        Assert.Equal(Components, result.Verified.CoveredComponents);
        Assert.Equal(Convert.FromBase64String(headers.Signature[6..^1]), result.Verified.Signature.ToArray());
        Assert.Equal(64, result.Verified.Signature.Length);
        Assert.Equal($"verified: {result.Verified.KeyId} (sig1)", result.ToString());
    }

    [Fact]
    public void Nonce_tag_and_expires_come_back_with_the_verified_signature()
    {
        var headers = HttpMessageSigner.Sign(Request(), new SignatureParameters
        {
            Components = Components, Created = Created, Expires = Created.AddMinutes(1), Nonce = "abc", Tag = "registers",
        }, _key);

        var result = Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, Now);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal((Created.ToUnixTimeSeconds() + 60, "abc", "registers"), (result.Verified.Expires, result.Verified.Nonce, result.Verified.Tag));
    }

    public static TheoryData<string, HttpSignatureFailure> Failures => new()
    {
        { "no Signature-Input field", HttpSignatureFailure.MissingHeaders },
        { "no Signature field", HttpSignatureFailure.MissingHeaders },
        { "empty Signature-Input field", HttpSignatureFailure.MissingHeaders },
        { "Signature under another label", HttpSignatureFailure.MissingHeaders },
        { "policy asks for a label not there", HttpSignatureFailure.MissingHeaders },
        { "two signatures, no label chosen", HttpSignatureFailure.AmbiguousLabel },
        { "Signature-Input not a dictionary", HttpSignatureFailure.Malformed },
        { "Signature not a dictionary", HttpSignatureFailure.Malformed },
        { "Signature-Input member not an inner list", HttpSignatureFailure.Malformed },
        { "Signature member not a byte sequence", HttpSignatureFailure.Malformed },
        { "created not an integer", HttpSignatureFailure.Malformed },
        { "keyid not a string", HttpSignatureFailure.Malformed },
        { "alg not ed25519", HttpSignatureFailure.WrongAlgorithm },
        { "keyid resolves to a cosignature key", HttpSignatureFailure.WrongAlgorithm },
        { "no created parameter", HttpSignatureFailure.MissingCreated },
        { "method not covered", HttpSignatureFailure.ComponentNotCovered },
        { "neither path nor target uri covered", HttpSignatureFailure.ComponentNotCovered },
        { "body but content-digest not covered", HttpSignatureFailure.ComponentNotCovered },
        { "created beyond the clock skew ahead", HttpSignatureFailure.CreatedInFuture },
        { "older than the maximum age", HttpSignatureFailure.Expired },
        { "past its expires time", HttpSignatureFailure.Expired },
        { "no keyid parameter", HttpSignatureFailure.UnknownKey },
        { "key not known", HttpSignatureFailure.UnknownKey },
        { "covered header removed", HttpSignatureFailure.InvalidComponent },
        { "covers an unsupported component", HttpSignatureFailure.InvalidComponent },
        { "method changed", HttpSignatureFailure.BadSignature },
        { "path changed", HttpSignatureFailure.BadSignature },
        { "query added", HttpSignatureFailure.BadSignature },
        { "host changed", HttpSignatureFailure.BadSignature },
        { "Content-Digest changed with the body", HttpSignatureFailure.BadSignature },
        { "covered header changed", HttpSignatureFailure.BadSignature },
        { "created changed", HttpSignatureFailure.BadSignature },
        { "covered components reordered", HttpSignatureFailure.BadSignature },
        { "signed by another key of the same name", HttpSignatureFailure.BadSignature },
        { "signature bit flipped", HttpSignatureFailure.BadSignature },
        { "signature too short", HttpSignatureFailure.BadSignature },
        { "body changed under an intact Content-Digest", HttpSignatureFailure.DigestMismatch },
        { "covered Content-Digest has no sha-256", HttpSignatureFailure.DigestMismatch },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_way_a_write_can_be_wrong_is_refused_with_its_reason(string change, HttpSignatureFailure expected)
    {
        var (request, signatureInput, signature, now, verifier) = Case(change);

        var result = verifier.Verify(request, signatureInput, signature, now);

        Assert.False(result.IsVerified);
        Assert.Null(result.Verified);
        Assert.True(expected == result.Failure, $"{change}: expected {expected}, got {result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
    }

    [Fact]
    public void The_detail_of_each_refusal_says_what_went_wrong()
    {
        var syntax = Verify(Case("Signature-Input not a dictionary"));
        Assert.Equal(StructuredFieldError.InvalidInnerList, syntax.SyntaxError);

        var notCovered = Verify(Case("neither path nor target uri covered"));
        Assert.Equal("@path or @target-uri", notCovered.Component);

        var invalid = Verify(Case("covered header removed"));
        Assert.Equal((ComponentProblem.FieldMissing, "\"content-type\""), (invalid.ComponentProblem, invalid.Component));

        var digest = Verify(Case("covered Content-Digest has no sha-256"));
        Assert.Equal(ContentDigestProblem.NoSha256, digest.DigestProblem);

        var unknown = Verify(Case("key not known"));
        Assert.Equal((HttpSignatureKeyIds.Of(_key.VerifierKey), "sig1"), (unknown.KeyId, unknown.Label));
        Assert.StartsWith("UnknownKey: no key is known as", unknown.ToString(), StringComparison.Ordinal);

        static HttpSignatureVerification Verify(Input input) =>
            input.Verifier.Verify(input.Request, input.SignatureInput, input.Signature, input.Now);
    }

    /// <summary>The edges of the time window: each second inside is taken, the next one out is not.</summary>
    [Theory]
    [InlineData(-60, HttpSignatureFailure.None)]
    [InlineData(-61, HttpSignatureFailure.CreatedInFuture)]
    [InlineData(300, HttpSignatureFailure.None)]
    [InlineData(301, HttpSignatureFailure.Expired)]
    public void Created_may_be_up_to_the_skew_ahead_and_up_to_the_maximum_age_behind(int secondsSinceCreated, HttpSignatureFailure expected)
    {
        var headers = Sign(Request(), Components);

        var result = Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, Created.AddSeconds(secondsSinceCreated));

        Assert.Equal(expected, result.Failure);
    }

    [Theory]
    [InlineData(60, HttpSignatureFailure.None)]
    [InlineData(61, HttpSignatureFailure.Expired)]
    public void An_expires_time_is_honoured_up_to_the_clock_skew(int secondsPastExpiry, HttpSignatureFailure expected)
    {
        var expires = Created.AddSeconds(30);
        var headers = HttpMessageSigner.Sign(Request(), new SignatureParameters { Components = Components, Created = Created, Expires = expires }, _key);

        var result = Verifier().Verify(Request(), headers.SignatureInput, headers.Signature, expires.AddSeconds(secondsPastExpiry));

        Assert.Equal(expected, result.Failure);
    }

    [Fact]
    public void A_write_without_a_body_needs_no_digest_and_at_path_meets_the_resource_requirement()
    {
        var request = new HttpRequestParts("DELETE", "https://registers.example/country/records/GB", []);
        var headers = Sign(request, ["@method", "@path"]);

        Assert.True(Verifier().Verify(request, headers.SignatureInput, headers.Signature, Now).IsVerified);
    }

    [Fact]
    public void With_several_signatures_the_policys_label_picks_one()
    {
        var mine = Sign(Request(), Components);
        var proxy = HttpMessageSigner.Sign(Request(), new SignatureParameters { Components = ["@method"], Created = Created, Label = "proxy" }, _other);
        var verifier = new HttpSignatureVerifier([_key.VerifierKey], HttpSignaturePolicy.CustodianWrites with { Label = "sig1" });

        var result = verifier.Verify(Request(), $"{proxy.SignatureInput}, {mine.SignatureInput}", $"{proxy.Signature}, {mine.Signature}", Now);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal("sig1", result.Verified.Label);
    }

    [Fact]
    public void The_same_key_signs_and_verifies_under_a_policy_without_requirements()
    {
        var request = new HttpRequestParts("GET", "https://registers.example/", []);
        var headers = HttpMessageSigner.Sign(request, new SignatureParameters { Components = [], Created = Created }, _key);
        var lax = new HttpSignatureVerifier([_key.VerifierKey], new HttpSignaturePolicy());

        Assert.StartsWith("sig1=();created=1750000000;keyid=", headers.SignatureInput, StringComparison.Ordinal);
        Assert.True(lax.Verify(request, headers.SignatureInput, headers.Signature, Now).IsVerified);
    }

    /// <summary>
    /// Whatever a byte of the fields is changed to, verification answers without throwing, and never
    /// accepts a different signature. (A change in base64's unused pad bits decodes to the same bytes,
    /// which is the same signature.)
    /// </summary>
    [Fact]
    public void No_single_character_change_to_the_fields_throws_or_is_accepted_as_another_signature()
    {
        var headers = Sign(Request(), Components);
        var verifier = Verifier();
        var original = verifier.Verify(Request(), headers.SignatureInput, headers.Signature, Now).Verified!;
        var random = new Random(9421);
        for (var i = 0; i < 3000; i++)
        {
            var inInput = i % 2 == 0;
            var field = inInput ? headers.SignatureInput : headers.Signature;
            var chars = field.ToCharArray();
            chars[random.Next(chars.Length)] = (char)random.Next(0, 256);
            var changed = new string(chars);

            var result = inInput
                ? verifier.Verify(Request(), changed, headers.Signature, Now)
                : verifier.Verify(Request(), headers.SignatureInput, changed, Now);

            if (result.IsVerified)
            {
                Assert.True(original.Signature.Span.SequenceEqual(result.Verified.Signature.Span), changed);
                Assert.Equal(original.CoveredComponents, result.Verified.CoveredComponents);
            }
        }
    }

    private sealed record Input(HttpRequestParts Request, string? SignatureInput, string? Signature, DateTimeOffset Now, HttpSignatureVerifier Verifier);

    private Input Case(string change)
    {
        var request = Request();
        var good = Sign(request, Components);
        var input = good.SignatureInput;
        var signature = good.Signature;
        var verifier = Verifier();
        Input Fields(string? signatureInput, string? sig) => new(request, signatureInput, sig, Now, verifier);
        Input Signed(HttpRequestParts r, params string[] components)
        {
            var h = Sign(r, components);
            return new(r, h.SignatureInput, h.Signature, Now, verifier);
        }

        Input Tampered(HttpRequestParts changed) => new(changed, input, signature, Now, verifier);

        return change switch
        {
            "no Signature-Input field" => Fields(null, signature),
            "no Signature field" => Fields(input, null),
            "empty Signature-Input field" => Fields(" ", signature),
            "Signature under another label" => Fields(input, signature.Replace("sig1=", "sig2=", StringComparison.Ordinal)),
            "policy asks for a label not there" => Fields(input, signature) with { Verifier = new([_key.VerifierKey], HttpSignaturePolicy.CustodianWrites with { Label = "custodian" }) },
            "two signatures, no label chosen" => Fields($"{input}, {input.Replace("sig1=", "sig2=", StringComparison.Ordinal)}", signature),
            "Signature-Input not a dictionary" => Fields(input.Replace(")", "", StringComparison.Ordinal), signature),
            "Signature not a dictionary" => Fields(input, signature + ","),
            "Signature-Input member not an inner list" => Fields("sig1=\"@method\";created=1750000000", signature),
            "Signature member not a byte sequence" => Fields(input, "sig1=\"abc\""),
            "created not an integer" => Fields(input.Replace("created=1750000000", "created=\"1750000000\"", StringComparison.Ordinal), signature),
            "keyid not a string" => Fields(input.Replace("keyid=\"", "keyid=x;k=\"", StringComparison.Ordinal), signature),
            "alg not ed25519" => Fields(input.Replace("alg=\"ed25519\"", "alg=\"hmac-sha256\"", StringComparison.Ordinal), signature),
            "keyid resolves to a cosignature key" => Fields(input, signature) with { Verifier = new(_ => VerifierKey.Create("w", SignatureType.Ed25519CosignatureV1, _key.VerifierKey.PublicKey), HttpSignaturePolicy.CustodianWrites) },
            "no created parameter" => Fields(input.Replace(";created=1750000000", "", StringComparison.Ordinal), signature),
            "method not covered" => Signed(request, "@target-uri", "content-digest"),
            "neither path nor target uri covered" => Signed(request, "@method", "@authority", "content-digest"),
            "body but content-digest not covered" => Signed(request, "@method", "@path", "content-type"),
            "created beyond the clock skew ahead" => Fields(input, signature) with { Now = Created.AddSeconds(-61) },
            "older than the maximum age" => Fields(input, signature) with { Now = Created.AddMinutes(6) },
            "past its expires time" => Fields(input.Replace(";keyid", ";expires=1750000001;keyid", StringComparison.Ordinal), signature) with { Now = Created.AddSeconds(62) },
            "no keyid parameter" => Fields(System.Text.RegularExpressions.Regex.Replace(input, ";keyid=\"[^\"]*\"", ""), signature),
            "key not known" => Fields(input, signature) with { Verifier = new([_other.VerifierKey], HttpSignaturePolicy.CustodianWrites) },
            "covered header removed" => Tampered(Request(headers: [new("Content-Digest", ContentDigest.Of(Body))])),
            "covers an unsupported component" => Fields(input.Replace("\"content-type\"", "\"@status\"", StringComparison.Ordinal), signature),
            "method changed" => Tampered(Request(method: "PUT")),
            "path changed" => Tampered(Request(uri: "https://registers.example/territory/entries")),
            "query added" => Tampered(Request(uri: "https://registers.example/country/entries?x=1")),
            "host changed" => Tampered(Request(uri: "https://registers.example.org/country/entries")),
            "Content-Digest changed with the body" => Tampered(Request(body: [.. Body, (byte)' '], digestOf: [.. Body, (byte)' '])),
            "covered header changed" => Tampered(Request(headers: [new("Content-Digest", ContentDigest.Of(Body)), new("Content-Type", "text/plain")])),
            "created changed" => Fields(input.Replace("created=1750000000", "created=1750000001", StringComparison.Ordinal), signature),
            "covered components reordered" => Fields(input.Replace("(\"@method\" \"@target-uri\"", "(\"@target-uri\" \"@method\"", StringComparison.Ordinal), signature),
            "signed by another key of the same name" => Fields(input, HttpMessageSigner.Sign(request, new SignatureParameters { Components = Components, Created = Created, KeyId = HttpSignatureKeyIds.Of(_key.VerifierKey) }, _other).Signature),
            "signature bit flipped" => Fields(input, FlipFirstBit(signature)),
            "signature too short" => Fields(input, $"sig1=:{Convert.ToBase64String(new byte[63])}:"),
            "body changed under an intact Content-Digest" => Tampered(Request(body: [.. Body, (byte)' '])),
            "covered Content-Digest has no sha-256" => Signed(Request(headers: [new("Content-Digest", "sha-512=:" + Convert.ToBase64String(new byte[64]) + ":"), new("Content-Type", "application/json")]), Components),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "no such case"),
        };
    }

    private HttpSignatureHeaders Sign(HttpRequestParts request, string[] components) =>
        HttpMessageSigner.Sign(request, new SignatureParameters { Components = components, Created = Created }, _key);

    private HttpSignatureVerifier Verifier() => new([_key.VerifierKey], HttpSignaturePolicy.CustodianWrites);

    // A write as the client sends it; the body's digest is what the server computed from what it received.
    private static HttpRequestParts Request(
        string method = "POST",
        string uri = "https://registers.example/country/entries",
        byte[]? body = null,
        byte[]? digestOf = null,
        KeyValuePair<string, string>[]? headers = null) =>
        new(method, uri, headers ?? [new("Content-Digest", ContentDigest.Of(digestOf ?? Body)), new("Content-Type", "application/json")])
        {
            BodySha256 = Digest.Of(body ?? Body),
        };

    private static string FlipFirstBit(string signature)
    {
        var bytes = Convert.FromBase64String(signature[6..^1]);
        bytes[0] ^= 1;
        return $"sig1=:{Convert.ToBase64String(bytes)}:";
    }
}
