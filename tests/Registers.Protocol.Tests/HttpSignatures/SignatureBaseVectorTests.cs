using System.Security.Cryptography;
using System.Text;
using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>
/// RFC 9421's signature bases, rebuilt here from its test request and its Signature-Input fields, must
/// equal the RFC's byte for byte; and where the RFC signed them with a key it publishes (RSA-PSS,
/// HMAC), the RFC's signature must verify over the bytes made here.
/// </summary>
public sealed class SignatureBaseVectorTests
{
    private static readonly Dictionary<string, Rfc9421Vectors.BaseVector> BySection = new()
    {
        ["2.5 / 3.1"] = Rfc9421Vectors.Section25,
        ["B.2.1"] = Rfc9421Vectors.B21,
        ["B.2.3"] = Rfc9421Vectors.B23,
        ["B.2.5"] = Rfc9421Vectors.B25,
        ["B.2.6"] = new(Rfc9421Vectors.B26SignatureInput, Rfc9421Vectors.B26Base, ""),
    };

    public static TheoryData<string> Sections => [.. BySection.Keys];

    [Theory]
    [MemberData(nameof(Sections))]
    public void The_signature_base_of_each_rfc_example_is_rebuilt_byte_for_byte(string section)
    {
        var vector = BySection[section];
        var signatureBase = BaseFor(Rfc9421Vectors.TestRequest(), vector.SignatureInput);

        Assert.True(vector.Base == signatureBase, $"{section}:\n{signatureBase}");
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Each_rfc_signature_input_serialises_back_to_itself(string section)
    {
        var vector = BySection[section];
        Assert.True(SfParser.TryParseDictionary(vector.SignatureInput, out var dictionary, out _, out _), section);
        Assert.Equal(vector.SignatureInput, SfSerializer.Serialize(dictionary));
    }

    [Theory]
    [InlineData("2.5 / 3.1")]
    [InlineData("B.2.1")]
    [InlineData("B.2.3")]
    public void The_rfc_rsa_pss_signatures_verify_over_the_bases_built_here(string section)
    {
        var vector = BySection[section];
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(Rfc9421Vectors.RsaPssPublicKeySpki), out _);
        var signatureBase = Encoding.ASCII.GetBytes(BaseFor(Rfc9421Vectors.TestRequest(), vector.SignatureInput));

        // RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt (RFC 9421 section 3.3.1); .NET's PSS uses a salt as long as the hash.
        var verified = rsa.VerifyData(signatureBase, Convert.FromBase64String(vector.Signature), HashAlgorithmName.SHA512, RSASignaturePadding.Pss);

        Assert.True(verified, section);
    }

    [Fact]
    public void The_rfc_hmac_sha256_signature_is_the_hmac_of_the_base_built_here()
    {
        var signatureBase = Encoding.ASCII.GetBytes(BaseFor(Rfc9421Vectors.TestRequest(), Rfc9421Vectors.B25.SignatureInput));

        var mac = HMACSHA256.HashData(Convert.FromBase64String(Rfc9421Vectors.SharedSecret), signatureBase);

        Assert.Equal(Rfc9421Vectors.B25.Signature, Convert.ToBase64String(mac));
    }

    [Fact]
    public void The_transformation_example_base_combines_the_two_accept_lines()
    {
        var request = new HttpRequestParts("GET", "https://example.org/demo?name1=Value1&Name2=value2",
        [
            new("Host", "example.org"),
            new("Date", "Fri, 15 Jul 2022 14:24:55 GMT"),
            new("Accept", "application/json"),
            new("Accept", "*/*"),
        ]);

        Assert.Equal(Rfc9421Vectors.TransformBase, BaseFor(request, Rfc9421Vectors.TransformSignatureInput));
    }

    /// <summary>The base for the one signature in <paramref name="signatureInput"/>, as the verifier makes it.</summary>
    internal static string BaseFor(HttpRequestParts request, string signatureInput)
    {
        Assert.True(SfParser.TryParseDictionary(signatureInput, out var dictionary, out var error, out _), error.ToString());
        var problem = SignatureBase.TryCreate(request, (SfInnerList)Assert.Single(dictionary).Value, out var bytes, out var component);
        Assert.True(problem == ComponentProblem.None, $"{component}: {problem}");
        return Encoding.ASCII.GetString(bytes);
    }
}
