using Registers.Protocol.Hashing;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// What an HTTP request signature can cover, as plain values: the method, the absolute target URI and
/// the header fields. The server and the client each adapt their own HTTP types to this.
/// </summary>
/// <remarks>
/// Values are taken as given and checked only when a signature base is made from them, so a request
/// from the network can be described without anything being thrown.
/// </remarks>
public sealed class HttpRequestParts
{
    /// <summary>Describes a request.</summary>
    /// <param name="method">The method, case-sensitive, e.g. <c>POST</c>.</param>
    /// <param name="targetUri">
    /// The absolute target URI, <c>scheme://authority/path?query</c>, with path and query exactly as
    /// sent: percent-encodings are part of the signed value and must not be decoded or re-encoded.
    /// </param>
    /// <param name="headers">The header field lines in message order; a name may appear on several lines.</param>
    /// <exception cref="ArgumentNullException">An argument, or a header name or value, is null.</exception>
    public HttpRequestParts(string method, string targetUri, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(targetUri);
        ArgumentNullException.ThrowIfNull(headers);
        Method = method;
        TargetUri = targetUri;
        Headers = [.. headers];
        foreach (var (name, value) in Headers)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(headers));
            ArgumentNullException.ThrowIfNull(value, nameof(headers));
        }
    }

    /// <summary>The request method.</summary>
    public string Method { get; }

    /// <summary>The absolute target URI, as sent.</summary>
    public string TargetUri { get; }

    /// <summary>The header field lines, in message order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>
    /// The SHA-256 of the body as received, for a request that has a body. When it is set, the
    /// verifier requires <c>content-digest</c> to be covered (unless its policy says otherwise) and
    /// checks the <c>Content-Digest</c> field against it.
    /// </summary>
    public Digest? BodySha256 { get; init; }

    /// <summary>The values of the lines whose name is <paramref name="name"/>, compared without regard to ASCII case.</summary>
    public IEnumerable<string> FieldLines(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>
    /// The lines named <paramref name="name"/> joined by <c>", "</c>, as HTTP combines field lines
    /// and as structured fields must be joined before parsing; null when there are none.
    /// </summary>
    public string? CombinedField(string name)
    {
        var lines = FieldLines(name).ToList();
        return lines.Count == 0 ? null : string.Join(", ", lines);
    }
}
