using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>Every way a signed write can be refused: each case changes one thing about a write that otherwise verifies.</summary>
public sealed class VerifierFailureTests : SignedWriteTests
{
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
        Assert.Equal((HttpSignatureKeyIds.Of(Key.VerifierKey), "sig1"), (unknown.KeyId, unknown.Label));
        Assert.StartsWith("UnknownKey: no key is known as", unknown.ToString(), StringComparison.Ordinal);

        static HttpSignatureVerification Verify(Input input) =>
            input.Verifier.Verify(input.Request, input.SignatureInput, input.Signature, input.Now);
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
            "policy asks for a label not there" => Fields(input, signature) with { Verifier = new([Key.VerifierKey], HttpSignaturePolicy.CustodianWrites with { Label = "custodian" }) },
            "two signatures, no label chosen" => Fields($"{input}, {input.Replace("sig1=", "sig2=", StringComparison.Ordinal)}", signature),
            "Signature-Input not a dictionary" => Fields(input.Replace(")", "", StringComparison.Ordinal), signature),
            "Signature not a dictionary" => Fields(input, signature + ","),
            "Signature-Input member not an inner list" => Fields("sig1=\"@method\";created=1750000000", signature),
            "Signature member not a byte sequence" => Fields(input, "sig1=\"abc\""),
            "created not an integer" => Fields(input.Replace("created=1750000000", "created=\"1750000000\"", StringComparison.Ordinal), signature),
            "keyid not a string" => Fields(input.Replace("keyid=\"", "keyid=x;k=\"", StringComparison.Ordinal), signature),
            "alg not ed25519" => Fields(input.Replace("alg=\"ed25519\"", "alg=\"hmac-sha256\"", StringComparison.Ordinal), signature),
            "keyid resolves to a cosignature key" => Fields(input, signature) with { Verifier = new(_ => VerifierKey.Create("w", SignatureType.Ed25519CosignatureV1, Key.VerifierKey.PublicKey), HttpSignaturePolicy.CustodianWrites) },
            "no created parameter" => Fields(input.Replace(";created=1750000000", "", StringComparison.Ordinal), signature),
            "method not covered" => Signed(request, "@target-uri", "content-digest"),
            "neither path nor target uri covered" => Signed(request, "@method", "@authority", "content-digest"),
            "body but content-digest not covered" => Signed(request, "@method", "@path", "content-type"),
            "created beyond the clock skew ahead" => Fields(input, signature) with { Now = Created.AddSeconds(-61) },
            "older than the maximum age" => Fields(input, signature) with { Now = Created.AddMinutes(6) },
            "past its expires time" => Fields(input.Replace(";keyid", ";expires=1750000001;keyid", StringComparison.Ordinal), signature) with { Now = Created.AddSeconds(62) },
            "no keyid parameter" => Fields(System.Text.RegularExpressions.Regex.Replace(input, ";keyid=\"[^\"]*\"", ""), signature),
            "key not known" => Fields(input, signature) with { Verifier = new([Other.VerifierKey], HttpSignaturePolicy.CustodianWrites) },
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
            "signed by another key of the same name" => Fields(input, HttpMessageSigner.Sign(request, new SignatureParameters { Components = Components, Created = Created, KeyId = HttpSignatureKeyIds.Of(Key.VerifierKey) }, Other).Signature),
            "signature bit flipped" => Fields(input, FlipFirstBit(signature)),
            "signature too short" => Fields(input, $"sig1=:{Convert.ToBase64String(new byte[63])}:"),
            "body changed under an intact Content-Digest" => Tampered(Request(body: [.. Body, (byte)' '])),
            "covered Content-Digest has no sha-256" => Signed(Request(headers: [new("Content-Digest", "sha-512=:" + Convert.ToBase64String(new byte[64]) + ":"), new("Content-Type", "application/json")]), Components),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "no such case"),
        };
    }

    private static string FlipFirstBit(string signature)
    {
        var bytes = Convert.FromBase64String(signature[6..^1]);
        bytes[0] ^= 1;
        return $"sig1=:{Convert.ToBase64String(bytes)}:";
    }
}
