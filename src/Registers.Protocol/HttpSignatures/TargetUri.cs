using System.Globalization;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// The parts of an absolute target URI that derived components read, split by hand rather than by
/// <see cref="Uri"/>, which would unescape and re-escape the path and query: RFC 9421 signs them as
/// sent (RFC 3986 section 6.2.1, simple string comparison).
/// </summary>
/// <param name="Scheme">The scheme as written.</param>
/// <param name="Authority">The authority as written: host and optional port.</param>
/// <param name="Path">The path as written, possibly empty.</param>
/// <param name="Query">The query without its <c>?</c>, or null when there is no <c>?</c>.</param>
internal sealed record TargetUri(string Scheme, string Authority, string Path, string? Query)
{
    /// <summary>
    /// Splits <c>scheme://authority[path][?query]</c>. Refuses anything outside printable ASCII
    /// (spaces included), a fragment, user info (which HTTP forbids in a target URI) and a port that
    /// is not digits.
    /// </summary>
    internal static TargetUri? Parse(string uri)
    {
        var separator = uri.IndexOf("://", StringComparison.Ordinal);
        if (uri.AsSpan().ContainsAnyExceptInRange('!', '~') || uri.Contains('#') || separator <= 0 || !IsScheme(uri.AsSpan(0, separator)))
        {
            return null;
        }

        var rest = uri[(separator + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var pathAndQuery = authorityEnd < 0 ? "" : rest[authorityEnd..];
        var query = pathAndQuery.IndexOf('?');
        var parts = new TargetUri(
            uri[..separator],
            authority,
            query < 0 ? pathAndQuery : pathAndQuery[..query],
            query < 0 ? null : pathAndQuery[(query + 1)..]);
        return authority.Length > 0 && !authority.Contains('@') && parts.SplitPort(out _, out _) ? parts : null;
    }

    /// <summary>The <c>@scheme</c> value: the scheme in lowercase.</summary>
    internal string NormalizedScheme => Scheme.ToLowerInvariant();

    /// <summary>
    /// The <c>@authority</c> value, normalised as RFC 9110 section 4.2.3 says: host in lowercase, the
    /// scheme's default port (80 for http, 443 for https) and an empty port left out.
    /// </summary>
    internal string NormalizedAuthority
    {
        get
        {
            SplitPort(out var host, out var port);
            var defaultPort = NormalizedScheme switch { "http" => 80, "https" => 443, _ => -1 };
            var omitPort = port.Length == 0 || int.Parse(port, NumberStyles.None, CultureInfo.InvariantCulture) == defaultPort;
            return omitPort ? host.ToLowerInvariant() : $"{host.ToLowerInvariant()}:{port}";
        }
    }

    /// <summary>The <c>@path</c> value: the path as written, or <c>/</c> when it is empty.</summary>
    internal string NormalizedPath => Path.Length == 0 ? "/" : Path;

    /// <summary>The <c>@query</c> value: <c>?</c> and the query, or <c>?</c> alone when there is none.</summary>
    internal string QueryWithMark => "?" + Query;

    /// <summary>The <c>@request-target</c> value in origin form: the path and, when there is one, the query.</summary>
    internal string OriginForm => Query is null ? NormalizedPath : $"{NormalizedPath}?{Query}";

    // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    // The port follows the last colon, unless that colon is inside an IPv6 literal "[...]".
    private bool SplitPort(out string host, out string port)
    {
        var colon = Authority.LastIndexOf(':');
        if (colon < 0 || colon < Authority.LastIndexOf(']'))
        {
            (host, port) = (Authority, "");
            return true;
        }

        (host, port) = (Authority[..colon], Authority[(colon + 1)..]);
        return host.Length > 0 && port.Length <= 5 && !port.AsSpan().ContainsAnyExceptInRange('0', '9');
    }
}
