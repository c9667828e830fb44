using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>
/// RFC 9421's Ed25519 examples, B.2.6 (a POST) and B.4 (a GET and its transformations), signed with
/// test-key-ed25519 of B.1.4. Ed25519 is deterministic, so signing here must give the RFC's bytes.
/// </summary>
public sealed class Ed25519VectorTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(Rfc9421Vectors.Created);

    private static readonly HttpSignaturePolicy RfcPolicy = new() { MaxAge = TimeSpan.FromMinutes(5) };

    [Fact]
    public void Signing_the_b26_request_with_the_rfc_key_gives_the_rfcs_fields_exactly()
    {
        using var key = Rfc9421Vectors.Ed25519SignerKey();

        var headers = HttpMessageSigner.Sign(
            Rfc9421Vectors.TestRequest(),
            RfcParameters("sig-b26", "date", "@method", "@path", "@authority", "content-type", "content-length"),
            key);

        Assert.Equal(Rfc9421Vectors.B26SignatureInput, headers.SignatureInput);
        Assert.Equal(Rfc9421Vectors.B26Signature, headers.Signature);
    }

    [Fact]
    public void The_b26_signature_verifies_with_the_rfc_public_key()
    {
        var result = Verifier().Verify(Rfc9421Vectors.TestRequest(), Rfc9421Vectors.B26SignatureInput, Rfc9421Vectors.B26Signature, Created);

        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal("sig-b26", result.Verified.Label);
        Assert.Equal("test-key-ed25519", result.Verified.KeyId);
        Assert.Equal(Rfc9421Vectors.Created, result.Verified.Created);
        Assert.Equal(["date", "@method", "@path", "@authority", "content-type", "content-length"], result.Verified.CoveredComponents);
        Assert.Equal(Convert.FromBase64String(Rfc9421Vectors.B26Signature[9..^1]), result.Verified.Signature.ToArray());
    }

    [Fact]
    public void Signing_the_b4_request_gives_the_rfcs_signature()
    {
        using var key = Rfc9421Vectors.Ed25519SignerKey();

        var headers = HttpMessageSigner.Sign(
            TransformRequest("GET", "example.org", "", Accept("application/json"), Accept("*/*")),
            RfcParameters("transform", "@method", "@path", "@authority", "accept"),
            key);

        Assert.Equal(Rfc9421Vectors.TransformSignatureInput, headers.SignatureInput);
        Assert.Equal(Rfc9421Vectors.TransformSignature, headers.Signature);
    }

    public static TheoryData<string, bool> Transformations => new()
    {
        { "original", true },
        { "query parameter and Accept-Language added", true },
        { "Date removed, Referer added, Accept on one line", true },
        { "fields reordered, Accept lines kept in order", true },
        { "method POST and authority example.com", false },
        { "the two Accept lines swapped", false },
    };

    /// <summary>B.4: the changes HTTP allows keep the signature valid; changes to covered components do not.</summary>
    [Theory]
    [MemberData(nameof(Transformations))]
    public void The_b4_transformations_keep_or_break_the_signature_as_the_rfc_says(string transformation, bool stillValid)
    {
        var date = new KeyValuePair<string, string>("Date", "Fri, 15 Jul 2022 14:24:55 GMT");
        var request = transformation switch
        {
            "original" => TransformRequest("GET", "example.org", "", date, Accept("application/json"), Accept("*/*")),
            "query parameter and Accept-Language added" => TransformRequest("GET", "example.org", "&param=added",
                date, Accept("application/json"), Accept("*/*"), new("Accept-Language", "en-US,en;q=0.5")),
            "Date removed, Referer added, Accept on one line" => TransformRequest("GET", "example.org", "",
                new("Referer", "https://developer.example.org/demo"), Accept("application/json, */*")),
            "fields reordered, Accept lines kept in order" => TransformRequest("GET", "example.org", "",
                Accept("application/json"), Accept("*/*"), date),
            "method POST and authority example.com" => TransformRequest("POST", "example.com", "", date, Accept("application/json"), Accept("*/*")),
            _ => TransformRequest("GET", "example.org", "", date, Accept("*/*"), Accept("application/json")),
        };

        var result = Verifier().Verify(request, Rfc9421Vectors.TransformSignatureInput, Rfc9421Vectors.TransformSignature, Created);

        Assert.Equal(stillValid, result.IsVerified);
        Assert.Equal(stillValid ? HttpSignatureFailure.None : HttpSignatureFailure.BadSignature, result.Failure);
    }

    // The RFC's key identifier is a plain name, not this project's name+keyid: resolve it by hand.
    private static HttpSignatureVerifier Verifier() =>
        new(keyId => keyId == "test-key-ed25519" ? Rfc9421Vectors.Ed25519VerifierKey() : null, RfcPolicy);

    // The RFC's examples name the key by its plain identifier and leave alg out.
    private static SignatureParameters RfcParameters(string label, params string[] components) => new()
    {
        Label = label,
        Components = components,
        Created = Created,
        KeyId = "test-key-ed25519",
        IncludeAlgorithm = false,
    };

    private static KeyValuePair<string, string> Accept(string value) => new("Accept", value);

    // The RFC gives the request line and the Host field; the target URI is built from both, over https.
    private static HttpRequestParts TransformRequest(string method, string host, string extraQuery, params KeyValuePair<string, string>[] headers) =>
        new(method, $"https://{host}/demo?name1=Value1&Name2=value2{extraQuery}", [new("Host", host), .. headers]);
}
