using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace Registers.Server.Hosting;

/// <summary>
/// Where the client sent a request, as far as the server can tell behind a reverse proxy: the scheme it used, the Host it
/// named and the path prefix a proxy took off. A proxy that terminates TLS names the client's scheme in
/// <c>X-Forwarded-Proto</c>; one that publishes the server below a path and takes the path off (the client's
/// <c>/registers-api/registers/...</c> passed on as <c>/registers/...</c>) names the path in <c>X-Forwarded-Prefix</c>.
/// </summary>
/// <remarks>
/// <para>
/// Both headers are anyone's to send, so each is taken only as one value of the one form it may have (a list, as a chain
/// of proxies appends, is not guessed at), and neither can turn a signature to another write: routing reads the path
/// received, never the prefix, and a signature verifies only when the scheme, Host, prefix and that path make up the very
/// URI signed, so the path received is the end of the signed one, and writes are routed only below <c>/registers</c>. A
/// forged scheme or prefix can only make a signature fail, or verify for the request it was made for (which the replay
/// guard lets through once).
/// </para>
/// <para>
/// The host is the <c>Host</c> received, never <c>X-Forwarded-Host</c>: the host binds a signature to this server, and a
/// proxy that does not set <c>X-Forwarded-Host</c> itself passes a client's on as it came, which would let a signature
/// captured on its way to another server that trusts the same key verify here. A proxy in front of writes passes the
/// client's <c>Host</c> on.
/// </para>
/// </remarks>
/// <param name="Scheme">The scheme the client used: <c>http</c> or <c>https</c>.</param>
/// <param name="Host">The Host the client named.</param>
/// <param name="Prefix">The path prefix a proxy took off, without a trailing <c>/</c>; empty when there is none.</param>
internal readonly partial record struct ClientTarget(string Scheme, HostString Host, string Prefix)
{
    public const string ProtoHeader = "X-Forwarded-Proto";
    public const string PrefixHeader = "X-Forwarded-Prefix";

    /// <summary>The client's target of <paramref name="request"/>: the forwarded scheme and prefix where they are well formed, else the request's own.</summary>
    public static ClientTarget Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ClientTarget(ForwardedScheme(request) ?? request.Scheme, request.Host, ForwardedPrefix(request));
    }

    /// <summary><paramref name="pathAndQuery"/>, as the server received it, as an absolute URI where the client sent it.</summary>
    public string Uri(string pathAndQuery) => $"{Scheme}://{Host}{Prefix}{pathAndQuery}";

    /// <summary>
    /// <paramref name="path"/>, from the server's root, as the client addresses it: below the prefix a proxy took off. Links
    /// stay absolute paths, so neither the scheme nor the Host goes into them. The answer now varies with the prefix header,
    /// which it tells caches, so a prefix one client sent is never served to another from a shared cache.
    /// </summary>
    public static string PathOf(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PrefixVaried(context) + path;
    }

    /// <summary>
    /// The prefix of <paramref name="context"/>'s request (as <see cref="PathOf"/> puts it in front of a path), the response
    /// told to vary with the header: for an answer whose ETag names the prefix, so that a 304 says the same as its 200.
    /// </summary>
    public static string PrefixVaried(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        if (!headers.Vary.Any(value => value?.Contains(PrefixHeader, StringComparison.OrdinalIgnoreCase) == true))
        {
            headers.Append(HeaderNames.Vary, PrefixHeader);
        }

        return ForwardedPrefix(context.Request);
    }

    /// <summary><c>http</c> or <c>https</c> when the header gives exactly that (in any case), else null.</summary>
    private static string? ForwardedScheme(HttpRequest request) =>
        request.Headers[ProtoHeader] is [{ } scheme] && (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
            ? scheme.ToLowerInvariant()
            : null;

    /// <summary>
    /// The prefix, without a trailing <c>/</c>; empty when there is none, or it is not one absolute path of plain segments.
    /// Links and redirects begin with it, so anything else a client could send through a proxy that passes the header on
    /// is refused: <c>//host</c> or <c>/\host</c> (a link or redirect to another host), <c>&lt;&gt;"</c> (out of a
    /// <c>Link</c> header's brackets or a JSON string), dot segments (escaped too), a query, a list.
    /// </summary>
    private static string ForwardedPrefix(HttpRequest request) =>
        request.Headers[PrefixHeader] is [{ } sent] && sent.TrimEnd('/') is { Length: > 0 } prefix && PathPrefix().IsMatch(prefix) ? prefix : "";

    /// <summary>
    /// One or more <c>/segment</c>s of RFC 3986 path characters but <c>,</c> (which lists), none empty or a dot segment,
    /// plain or escaped (<c>%2e%2e</c>, which a browser resolves as <c>..</c>).
    /// </summary>
    [GeneratedRegex(@"\A(?:/(?!(?:\.|%2[eE]){1,2}(?:/|\z))(?:[A-Za-z0-9\-._~!$&'()*+;=:@]|%[0-9A-Fa-f]{2})+)+\z")]
    private static partial Regex PathPrefix();
}
