using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>
/// Values from RFC 9421 (HTTP Message Signatures): the example keys of Appendix B.1, the test request
/// of Appendix B.2, and the signature bases and signatures of sections 2.5/3.1, B.2.1, B.2.3, B.2.5,
/// B.2.6 and B.4. Long lines are unwrapped as RFC 8792 says (the backslash and the next line's
/// leading spaces removed).
/// </summary>
internal static class Rfc9421Vectors
{
    /// <summary>B.1.4 test-key-ed25519, PKCS#8: the last 32 bytes of the DER are the seed.</summary>
    public const string Ed25519PrivateKeyPkcs8 = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF";

    /// <summary>B.1.4 test-key-ed25519, SubjectPublicKeyInfo: the last 32 bytes of the DER are the public key.</summary>
    public const string Ed25519PublicKeySpki = "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";

    /// <summary>B.1.2 test-key-rsa-pss, public half (SubjectPublicKeyInfo, PEM body).</summary>
    public const string RsaPssPublicKeySpki =
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4tmm3r20Wd/PbqvP1s2" +
        "+QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct+Lh1GH45x28Rw3Ry53mm+" +
        "oAXjyQ86OnDkZ5N8lYbggD4O3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHq" +
        "gDsznjPFmTOtCEcN2Z1FpWgchwuYLPL+Wokqltd11nqqzi+bJ9cvSKADYdUAAN5W" +
        "Utzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4" +
        "aOT9v6d+nb4bnNkQVklLQ3fVAvJm+xdDOp9LCNCN48V2pnDOkFV6+U9nV5oyc6XI" +
        "2wIDAQAB";

    /// <summary>B.1.5 test-shared-secret, 64 bytes in base64.</summary>
    public const string SharedSecret =
        "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==";

    /// <summary>The <c>created</c> time of every example: 2021-04-20T02:07:53Z.</summary>
    public const long Created = 1618884473;

    public const string TestRequestBody = "{\"hello\": \"world\"}";

    public const string TestRequestContentDigest =
        "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    /// <summary>
    /// B.2 test-request: <c>POST /foo?param=Value&amp;Pet=dog</c> to example.com. The RFC gives the
    /// request line and Host; the scheme is not stated and no example here covers it, so https is used.
    /// </summary>
    public static HttpRequestParts TestRequest() => new("POST", "https://example.com/foo?param=Value&Pet=dog",
    [
        new("Host", "example.com"),
        new("Date", "Tue, 20 Apr 2021 02:07:55 GMT"),
        new("Content-Type", "application/json"),
        new("Content-Digest", TestRequestContentDigest),
        new("Content-Length", "18"),
    ]);

    /// <summary>Section 2.5's example base, signed in section 3.1 with test-key-rsa-pss (label sig1).</summary>
    public static readonly BaseVector Section25 = new(
        "sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"",
        "\"@method\": POST\n" +
        "\"@authority\": example.com\n" +
        "\"@path\": /foo\n" +
        "\"content-digest\": " + TestRequestContentDigest + "\n" +
        "\"content-length\": 18\n" +
        "\"content-type\": application/json\n" +
        "\"@signature-params\": (\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\" \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"",
        "HIbjHC5rS0BYaa9v4QfD4193TORw7u9edguPh0AW3dMq9WImrlFrCGUDih47vAxi4L2YRZ3XMJc1uOKk/J0ZmZ+wcta4nKIgBkKq0rM9hs3CQyxXGxHLMCy8uqK488o+9jrptQ+xFPHK7a9sRL1IXNaagCNN3ZxJsYapFj+JXbmaI5rtAdSfSvzPuBCh+ARHBmWuNo1UzVVdHXrl8ePL4cccqlazIJdC4QEjrF+Sn4IxBQzTZsL9y9TP5FsZYzHvDqbInkTNigBcE9cKOYNFCn4D/WM7F6TNuZO9EgtzepLWcjTymlHzK7aXq6Am6sfOrpIC49yXjj3ae6HRalVc/g==");

    /// <summary>B.2.1 minimal signature: no components, a nonce (rsa-pss-sha512).</summary>
    public static readonly BaseVector B21 = new(
        "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
        "\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
        "d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==");

    /// <summary>B.2.3 full coverage (rsa-pss-sha512).</summary>
    public static readonly BaseVector B23 = new(
        "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"",
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n" +
        "\"@method\": POST\n" +
        "\"@path\": /foo\n" +
        "\"@query\": ?param=Value&Pet=dog\n" +
        "\"@authority\": example.com\n" +
        "\"content-type\": application/json\n" +
        "\"content-digest\": " + TestRequestContentDigest + "\n" +
        "\"content-length\": 18\n" +
        "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"",
        "bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==");

    /// <summary>B.2.5 hmac-sha256 with test-shared-secret.</summary>
    public static readonly BaseVector B25 = new(
        "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n" +
        "\"@authority\": example.com\n" +
        "\"content-type\": application/json\n" +
        "\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"",
        "pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=");

    /// <summary>B.2.6 ed25519 with test-key-ed25519.</summary>
    public const string B26SignatureInput =
        "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";

    public const string B26Signature =
        "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:";

    public const string B26Base =
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n" +
        "\"@method\": POST\n" +
        "\"@path\": /foo\n" +
        "\"@authority\": example.com\n" +
        "\"content-type\": application/json\n" +
        "\"content-length\": 18\n" +
        "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";

    /// <summary>B.4 transformations: a GET signed with test-key-ed25519, Accept sent as two lines.</summary>
    public const string TransformSignatureInput =
        "transform=(\"@method\" \"@path\" \"@authority\" \"accept\");created=1618884473;keyid=\"test-key-ed25519\"";

    public const string TransformSignature =
        "transform=:ZT1kooQsEHpZ0I1IjCqtQppOmIqlJPeo7DHR3SoMn0s5JZ1eRGS0A+vyYP9t/LXlh5QMFFQ6cpLt2m0pmj3NDA==:";

    public const string TransformBase =
        "\"@method\": GET\n" +
        "\"@path\": /demo\n" +
        "\"@authority\": example.org\n" +
        "\"accept\": application/json, */*\n" +
        "\"@signature-params\": (\"@method\" \"@path\" \"@authority\" \"accept\");created=1618884473;keyid=\"test-key-ed25519\"";

    /// <summary>The 32-byte seed of test-key-ed25519.</summary>
    public static byte[] Ed25519Seed() => Convert.FromBase64String(Ed25519PrivateKeyPkcs8)[16..];

    /// <summary>The 32-byte public key of test-key-ed25519.</summary>
    public static byte[] Ed25519PublicKey() => Convert.FromBase64String(Ed25519PublicKeySpki)[12..];

    /// <summary>test-key-ed25519 as this project's verifier key, named after the RFC's key identifier.</summary>
    public static VerifierKey Ed25519VerifierKey() =>
        VerifierKey.Create("test-key-ed25519", SignatureType.Ed25519, Ed25519PublicKey());

    /// <summary>
    /// test-key-ed25519 as this project's signer key. Parsing checks that the key ID matches the public
    /// key the seed derives, so this also shows the RFC's private and public keys belong together.
    /// </summary>
    public static SignerKey Ed25519SignerKey()
    {
        var keyId = KeyIds.ToHex(KeyIds.Compute("test-key-ed25519", SignatureType.Ed25519, Ed25519PublicKey()));
        return SignerKey.Parse($"PRIVATE+KEY+test-key-ed25519+{keyId}+{Convert.ToBase64String([0x01, .. Ed25519Seed()])}");
    }

    /// <summary>A signature input (with its label), the base it gives for the test request, and the RFC's signature over it.</summary>
    public sealed record BaseVector(string SignatureInput, string Base, string Signature);
}
