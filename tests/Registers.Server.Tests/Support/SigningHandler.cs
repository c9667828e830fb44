using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;

namespace Registers.Server.Tests.Support;

/// <summary>Signs each request with a key (RFC 9421, Ed25519), as a custodian's client does.</summary>
public sealed class SigningHandler(SignerKey key, Func<DateTimeOffset>? clock = null) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await SignAsync(request, key, (clock ?? (() => DateTimeOffset.UtcNow))());
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Adds Content-Digest (when there is a body) and the signature headers to <paramref name="request"/>.</summary>
    public static async Task SignAsync(HttpRequestMessage request, SignerKey key, DateTimeOffset created)
    {
        var components = new List<string> { "@method", "@target-uri" };
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync();
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = request.Content.Headers.ContentType } };
            request.Content.Headers.Add("Content-Digest", ContentDigest.Of(body));
            components.Add("content-digest");
        }

        components.AddRange(new[] { "Idempotency-Key", "If-Match" }.Where(request.Headers.Contains).Select(header => header.ToLowerInvariant()));
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .SelectMany(header => header.Value.Select(value => KeyValuePair.Create(header.Key, value)));
        var signature = HttpMessageSigner.Sign(
            new HttpRequestParts(request.Method.Method, request.RequestUri!.AbsoluteUri, headers),
            new SignatureParameters { Components = components, Created = created, KeyId = HttpSignatureKeyIds.Of(key.VerifierKey), Nonce = Guid.NewGuid().ToString("N") },
            key);
        request.Headers.Add("Signature-Input", signature.SignatureInput);
        request.Headers.Add("Signature", signature.Signature);
    }
}
