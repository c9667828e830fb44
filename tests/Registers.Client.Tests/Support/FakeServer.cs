using System.Net;
using System.Text;
using Registers.Protocol.Hashing;
using Registers.Protocol.HttpSignatures;

namespace Registers.Client.Tests.Support;

/// <summary>A request as it reached the end of the client's pipeline: what a server would have received.</summary>
internal sealed record ReceivedRequest(HttpMethod Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body)
{
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>The request as the protocol's verifier sees it, the body's digest taken from the bytes received (when there was a body).</summary>
    public HttpRequestParts Parts() =>
        new(Method.Method, Uri.AbsoluteUri, Headers) { BodySha256 = Body is null ? null : Digest.Of(Body) };
}

/// <summary>The end of a client pipeline: records each request and answers with <see cref="Answer"/>, without a network.</summary>
internal sealed class FakeServer : HttpMessageHandler
{
    private readonly List<ReceivedRequest> _received = [];

    public Func<ReceivedRequest, int, HttpResponseMessage> Answer { get; set; } = (_, _) => Json(HttpStatusCode.OK, Receipt);

    public IReadOnlyList<ReceivedRequest> Received => _received;

    public const string Receipt = """
        {"register":"country","user":{"size":3,"root":"sha-256:00","first-entry":2,"last-entry":3,"checkpoint":"c"},"system":{"size":7,"root":"sha-256:11"},"warnings":[]}
        """;

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        byte[]? body = null;
        if (request.Content is not null)
        {
            headers.AddRange(request.Content.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        var received = new ReceivedRequest(request.Method, request.RequestUri!, headers, body);
        _received.Add(received);
        return Answer(received, _received.Count);
    }
}
