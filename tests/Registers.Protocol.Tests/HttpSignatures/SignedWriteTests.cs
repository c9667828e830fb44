using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;
using Registers.Protocol.HttpSignatures;

namespace Registers.Protocol.Tests.HttpSignatures;

/// <summary>
/// A custodian's write as the client signs it and the server receives it, signed with a generated
/// key and verified under <see cref="HttpSignaturePolicy.CustodianWrites"/>.
/// </summary>
public abstract class SignedWriteTests : IDisposable
{
    protected static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);
    protected static readonly DateTimeOffset Now = Created.AddSeconds(10);
    protected static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"country\":\"GB\",\"name\":\"United Kingdom\"}\n");
    protected static readonly string[] Components = ["@method", "@target-uri", "content-digest", "content-type"];

    /// <summary>The custodian's key.</summary>
    protected SignerKey Key { get; } = SignerKey.Generate("custodian.example/alice");

    /// <summary>Another key of the same name, which the verifier does not know.</summary>
    protected SignerKey Other { get; } = SignerKey.Generate("custodian.example/alice");

    public void Dispose()
    {
        Key.Dispose();
        Other.Dispose();
        GC.SuppressFinalize(this);
    }

    protected HttpSignatureHeaders Sign(HttpRequestParts request, string[] components) =>
        HttpMessageSigner.Sign(request, new SignatureParameters { Components = components, Created = Created }, Key);

    protected HttpSignatureVerifier Verifier() => new([Key.VerifierKey], HttpSignaturePolicy.CustodianWrites);

    // A write as the client sends it; the body's digest is what the server computed from what it received.
    protected static HttpRequestParts Request(
        string method = "POST",
        string uri = "https://registers.example/country/entries",
        byte[]? body = null,
        byte[]? digestOf = null,
        KeyValuePair<string, string>[]? headers = null) =>
        new(method, uri, headers ?? [new("Content-Digest", ContentDigest.Of(digestOf ?? Body)), new("Content-Type", "application/json")])
        {
            BodySha256 = Digest.Of(body ?? Body),
        };
}
