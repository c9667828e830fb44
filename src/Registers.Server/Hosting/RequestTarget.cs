using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Registers.Server.Hosting;

/// <summary>
/// The path of the request target as the client sent it, its escapes as they were. The server's path is decoded, so it
/// cannot tell a value the client wrote <c>%2541</c> (a <c>%</c>, then <c>41</c>) from one it wrote <c>%41</c> (an <c>A</c>).
/// </summary>
public static class RequestTarget
{
    /// <summary>Characters a URI path holds as they are (RFC 3986 <c>pchar</c> and <c>/</c>, but <c>%</c>).</summary>
    private static readonly SearchValues<char> PathCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/");

    /// <summary>The target's path as sent, without its query; null when the server does not say, or the target is not a path.</summary>
    public static string? RawPath(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        if (path.StartsWith('/'))
        {
            return path;
        }

        // The absolute form a proxy is sent (http://host/path): the path is what follows the authority.
        var authority = path.IndexOf("://", StringComparison.Ordinal);
        if (authority < 0)
        {
            return null;
        }

        var slash = path.IndexOf('/', authority + 3);
        return slash < 0 ? "/" : path[slash..];
    }

    /// <summary>
    /// <paramref name="path"/> as a URI path: the client's escapes stay as they are, and what a URI cannot hold (a character
    /// beyond ASCII, a space, a <c>%</c> that starts no escape) is escaped, as a server may accept a target that holds them.
    /// </summary>
    public static string ForUri(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var uri = new StringBuilder(path.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < path.Length;)
        {
            var c = path[i];
            if (PathCharacters.Contains(c) || (c == '%' && i + 2 < path.Length && char.IsAsciiHexDigit(path[i + 1]) && char.IsAsciiHexDigit(path[i + 2])))
            {
                uri.Append(c);
                i++;
                continue;
            }

            Rune.DecodeFromUtf16(path.AsSpan(i), out var rune, out var read);
            var written = rune.EncodeToUtf8(utf8);
            foreach (var octet in utf8[..written])
            {
                uri.Append('%').Append(octet.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += read;
        }

        return uri.ToString();
    }
}
