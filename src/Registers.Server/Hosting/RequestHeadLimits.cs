using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Registers.Server.Hosting;

/// <summary>
/// How large a request's head may be: its target, and its header fields in bytes and in number. Past these a request is
/// refused with a problem that names the limit (<see cref="RequestHeadCheck"/>).
/// </summary>
/// <remarks>
/// There are two levels because Kestrel refuses a head past its own limits as it reads it, before any of the server's
/// code runs, with a bare status: no problem can be written there, and ASP.NET Core offers no hook to write one. So
/// Kestrel's limits are raised to a ceiling well above the ones the server keeps, and the server checks its own once the
/// head is read. The ceiling still bounds what Kestrel holds of one connection's head, as its defaults did; a head past
/// the ceiling gets Kestrel's bare 414 or 431 (over HTTP/2, one field past <see cref="KestrelMaxFieldBytes"/> ends the connection).
/// </remarks>
public static class RequestHeadLimits
{
    /// <summary>Bytes of the request target (path and query, as sent): Kestrel's default request line, 8 KiB.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>Bytes of the header fields, each counted as its line (name, <c>": "</c>, value, CRLF): Kestrel's default, 32 KiB.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Header fields (lines) in one request: Kestrel's default, 100.</summary>
    public const int MaxHeaderFields = 100;

    /// <summary>Kestrel's own request line limit: method, target and version past it are refused by Kestrel itself.</summary>
    public const int KestrelMaxRequestLineBytes = 64 * 1024;

    /// <summary>Kestrel's own limit on the bytes of the header fields.</summary>
    public const int KestrelMaxHeaderBytes = 128 * 1024;

    /// <summary>Kestrel's own limit on the number of header fields.</summary>
    public const int KestrelMaxHeaderFields = 1000;

    /// <summary>
    /// Kestrel's own limit on one HTTP/2 field, the target (<c>:path</c>) included: the request line's ceiling. Past it
    /// Kestrel ends the whole connection (COMPRESSION_ERROR); at its default, 32 KiB, one field just past the server's
    /// 32 KiB of fields, or a target past 32 KiB, ended the connection instead of being answered with a problem.
    /// </summary>
    public const int KestrelMaxFieldBytes = KestrelMaxRequestLineBytes;

    /// <summary>Raises Kestrel's limits on a request's head to the ceiling, above the server's own.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel => Raise(kestrel.Limits));
    }

    private static void Raise(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = KestrelMaxRequestLineBytes;
        limits.MaxRequestHeadersTotalSize = KestrelMaxHeaderBytes;
        limits.MaxRequestHeaderCount = KestrelMaxHeaderFields;
        limits.Http2.MaxRequestHeaderFieldSize = KestrelMaxFieldBytes;
    }
}
