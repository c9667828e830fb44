using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

public sealed class SignerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    [Fact]
    public void Every_parameter_is_written_in_order_and_the_keyid_defaults_to_name_plus_key_id()
    {
        using var key = SignerKey.Generate("custodian.example/alice");

        var headers = HttpMessageSigner.Sign(Request(), new SignatureParameters
        {
            Components = ["@method", "@path", "content-digest"],
            Created = Now.AddMilliseconds(999),
            Expires = Now.AddMinutes(5),
            Nonce = "n-1",
            Tag = "registers",
        }, key);

        Assert.Equal(
            $"sig1=(\"@method\" \"@path\" \"content-digest\");created=1750000000;expires=1750000300;keyid=\"custodian.example/alice+{key.KeyId:x8}\";alg=\"ed25519\";nonce=\"n-1\";tag=\"registers\"",
            headers.SignatureInput);
        Assert.Matches("^sig1=:[A-Za-z0-9+/]{86}==:$", headers.Signature);
        Assert.Equal($"custodian.example/alice+{key.KeyId:x8}", HttpSignatureKeyIds.Of(key.VerifierKey));
    }

    [Fact]
    public void Signing_again_gives_the_same_fields()
    {
        using var key = SignerKey.Generate("k");
        var parameters = new SignatureParameters { Components = ["@method"], Created = Now, Label = "custodian" };

        Assert.Equal(HttpMessageSigner.Sign(Request(), parameters, key), HttpMessageSigner.Sign(Request(), parameters, key));
        Assert.StartsWith("custodian=(\"@method\");created=1750000000;keyid=\"k+", HttpMessageSigner.Sign(Request(), parameters, key).SignatureInput, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadParameters => new()
    {
        { "uppercase field name", "Components" },
        { "unsupported derived component", "Components" },
        { "signature params as a component", "Components" },
        { "label with uppercase", "Label" },
        { "empty label", "Label" },
        { "keyid with non-ASCII", "KeyId" },
        { "nonce with a newline", "Nonce" },
        { "tag with a control character", "Tag" },
        { "missing header", "request" },
        { "component listed twice", "request" },
        { "invalid target uri", "request" },
        { "header value with a line break", "request" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public void What_cannot_be_signed_is_refused_with_an_argument_exception(string mistake, string parameter)
    {
        using var key = SignerKey.Generate("k");
        var good = new SignatureParameters { Components = ["@method", "@path"], Created = Now };
        var (request, parameters) = mistake switch
        {
            "uppercase field name" => (Request(), good with { Components = ["Content-Type"] }),
            "unsupported derived component" => (Request(), good with { Components = ["@status"] }),
            "signature params as a component" => (Request(), good with { Components = ["@signature-params"] }),
            "label with uppercase" => (Request(), good with { Label = "Sig1" }),
            "empty label" => (Request(), good with { Label = "" }),
            "keyid with non-ASCII" => (Request(), good with { KeyId = "cl\u00e9" }),
            "nonce with a newline" => (Request(), good with { Nonce = "a\nb" }),
            "tag with a control character" => (Request(), good with { Tag = "a\tb" }),
            "missing header" => (Request(), good with { Components = ["@method", "content-type"] }),
            "component listed twice" => (Request(), good with { Components = ["@method", "@method"] }),
            "invalid target uri" => (new HttpRequestParts("POST", "/no/scheme", []), good),
            _ => (new HttpRequestParts("POST", "https://e.com/", [new("X-A", "a\nb")]), good with { Components = ["x-a"] }),
        };

        var exception = Assert.ThrowsAny<ArgumentException>(() => HttpMessageSigner.Sign(request, parameters, key));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void A_cosignature_key_cannot_sign_requests()
    {
        using var key = SignerKey.Generate("witness", SignatureType.Ed25519CosignatureV1);

        var exception = Assert.Throws<ArgumentException>(() =>
            HttpMessageSigner.Sign(Request(), new SignatureParameters { Components = ["@method"], Created = Now }, key));

        Assert.Equal("key", exception.ParamName);
    }

    private static HttpRequestParts Request() =>
        new("POST", "https://registers.example/country/entries", [new("Content-Digest", ContentDigest.Of("{}"u8))]);
}
