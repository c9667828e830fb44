using System.Net.Http.Headers;
using System.Security.Cryptography;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;

namespace Registers.Client.Signing;

/// <summary>
/// Signs every write that passes through it as <c>docs/writes.md</c> asks: an RFC 9421 signature (label <c>sig1</c>,
/// <c>alg="ed25519"</c>, <c>created</c> now, a fresh <c>nonce</c>) covering <c>@method</c>, <c>@target-uri</c>,
/// <c>content-digest</c> when there is a body, and <c>idempotency-key</c> and <c>if-match</c> when they are sent.
/// </summary>
/// <remarks>
/// <para>A write is any request whose method is not GET, HEAD or OPTIONS; reads pass through unsigned.</para>
/// <para>The body's <c>Content-Digest</c> (RFC 9530, SHA-256) is computed from the exact bytes sent: the content is
/// buffered to hash it. A caller that streams a large body can hash it beforehand and set <c>Content-Digest</c> itself;
/// the handler then signs that field as it is, and a wrong one is the server's to refuse.</para>
/// <para>Each attempt is signed anew, so a retried request is never refused as a replay: the nonce differs even within the
/// same second (Ed25519 signatures are deterministic, and the server refuses one it has seen).</para>
/// <para>A lookup of a write's receipt (<see cref="RegistersClient.GetWriteReceiptAsync"/>) is a read, but it names this
/// handler's key (<c>key-id</c>): an idempotency key is its signer's own, and another custodian of the register may have
/// used the same one, so the client must be told of its own write, not of theirs.</para>
/// <para>Add it to an <see cref="HttpClient"/> pipeline directly or through <c>IHttpClientFactory</c>
/// (<c>AddHttpMessageHandler(() =&gt; new RequestSigningHandler(key))</c>). The key is not disposed of by the handler.</para>
/// </remarks>
public sealed class RequestSigningHandler : DelegatingHandler
{
    private const string ContentDigestHeader = "Content-Digest";
    private static readonly string[] OptionalComponents = ["idempotency-key", "if-match"];

    /// <summary>Marks a lookup of a write's receipt, which this handler makes ask for its own key's write.</summary>
    internal static readonly HttpRequestOptionsKey<bool> LooksUpOwnWrite = new("Registers.LooksUpOwnWrite");

    private readonly SignerKey _key;
    private readonly TimeProvider _time;

    /// <summary>A handler that signs with <paramref name="key"/>, taking the time from <paramref name="time"/> (the system clock when null).</summary>
    /// <exception cref="ArgumentException">The key is a cosignature key, which cannot sign requests.</exception>
    public RequestSigningHandler(SignerKey key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type != SignatureType.Ed25519)
        {
            throw new ArgumentException($"{key} is a cosignature key; requests are signed with Ed25519 note keys.", nameof(key));
        }

        _key = key;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The key requests are signed with.</summary>
    public VerifierKey Key => _key.VerifierKey;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsWrite(request.Method))
        {
            await SignAsync(request, cancellationToken).ConfigureAwait(false);
        }
        else if (request.Options.TryGetValue(LooksUpOwnWrite, out var own) && own && request.RequestUri is { IsAbsoluteUri: true } uri
                 && !uri.Query.Contains("key-id=", StringComparison.Ordinal)) // a retry handler outside this one may send the request again
        {
            request.RequestUri = new Uri($"{uri.AbsoluteUri}{(uri.Query.Length > 0 ? '&' : '?')}key-id={Uri.EscapeDataString(HttpSignatureKeyIds.Of(Key))}");
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <c>Content-Digest</c> (when there is a body and none is set), <c>Signature-Input</c> and <c>Signature</c>.</summary>
    internal async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI; give the HttpClient a BaseAddress.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException($"The request URI '{uri}' is not absolute.");
        }

        var components = new List<string> { "@method", "@target-uri" };
        var headers = new List<KeyValuePair<string, string>>();
        if (request.Content is { } content)
        {
            var stated = Lines(request.Headers, ContentDigestHeader).Concat(Lines(content.Headers, ContentDigestHeader)).ToList();
            if (stated.Count == 0)
            {
                var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                request.Headers.TryAddWithoutValidation(ContentDigestHeader, ContentDigest.Of(body));
                stated = [.. Lines(request.Headers, ContentDigestHeader)];
            }

            components.Add("content-digest");
            headers.AddRange(stated);
        }

        foreach (var name in OptionalComponents)
        {
            var lines = Lines(request.Headers, name).ToList();
            if (lines.Count > 0)
            {
                components.Add(name);
                headers.AddRange(lines);
            }
        }

        var parts = new HttpRequestParts(request.Method.Method, TargetUri(uri), headers);
        var parameters = new SignatureParameters
        {
            Components = components,
            Created = _time.GetUtcNow(),
            Nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        };
        var signature = HttpMessageSigner.Sign(parts, parameters, _key);
        request.Headers.Remove("Signature-Input");
        request.Headers.Remove("Signature");
        request.Headers.TryAddWithoutValidation("Signature-Input", signature.SignatureInput);
        request.Headers.TryAddWithoutValidation("Signature", signature.Signature);
    }

    /// <summary>The target URI as HttpClient sends it: scheme, authority (host and any non-default port), path and query, escaped.</summary>
    internal static string TargetUri(Uri uri) => $"{uri.Scheme}://{uri.Authority}{uri.PathAndQuery}";

    private static bool IsWrite(HttpMethod method) =>
        method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Options;

    private static IEnumerable<KeyValuePair<string, string>> Lines(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values)
            ? values.Select(value => new KeyValuePair<string, string>(name.ToLowerInvariant(), value))
            : [];
}
