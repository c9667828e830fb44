namespace Registers.Server.Signatures;

/// <summary>
/// The path prefix a reverse proxy took off a request, as it names it in <c>X-Forwarded-Prefix</c>. A server published
/// at <c>https://example.org/registers-api/</c> by a proxy that strips the prefix receives <c>/registers/...</c>, while the
/// client signed <c>/registers-api/registers/...</c>: the signature is checked against the prefix and the path received.
/// </summary>
/// <remarks>
/// The header is anyone's to send, yet it cannot turn a signature to another write: routing reads the path received,
/// never the prefix, and the signature verifies only when the prefix and that path make up the very path signed, so the
/// path received is the end of the signed one, and writes are routed only below <c>/registers</c>. A forged prefix can
/// only make a signature fail, or verify for the request it was made for (which the replay guard lets through once).
/// </remarks>
internal static class ForwardedPrefix
{
    public const string Header = "X-Forwarded-Prefix";

    /// <summary>The prefix, without a trailing <c>/</c>; empty when there is none, or it is not one path (a list of several, a query, a space).</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[Header];
        return values is [{ Length: > 1 } prefix] && prefix[0] == '/' && !prefix.AsSpan().ContainsAnyExceptInRange('!', '~') && prefix.IndexOfAny(['?', '#', ',']) < 0
            ? prefix.TrimEnd('/')
            : "";
    }
}
