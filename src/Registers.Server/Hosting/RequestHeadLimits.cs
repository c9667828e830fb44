using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Registers.Server.Hosting;

/// <summary>
/// How large a request's head may be: its target, and its header fields in bytes and in number. Past these a request is
/// refused with a problem that names the limit (<see cref="RequestHeadCheck"/>). Kestrel's defaults unless the operator
/// sets Kestrel's own settings for them (<c>Kestrel:Limits:MaxRequestLineSize</c>, <c>MaxRequestHeadersTotalSize</c>,
/// <c>MaxRequestHeaderCount</c>), which the host does not read by itself.
/// </summary>
/// <remarks>
/// There are two levels because Kestrel refuses a head past its own limits as it reads it, before any of the server's
/// code runs, with a bare status: no problem can be written there, and ASP.NET Core offers no hook to write one. So
/// Kestrel's limits are raised to a ceiling well above the ones the server keeps, and the server checks its own once the
/// head is read. The ceiling still bounds what Kestrel holds of one connection's head, as its defaults did; a head past
/// the ceiling gets Kestrel's bare 414 or 431 (over HTTP/2, one field past <see cref="KestrelMaxFieldBytes"/> ends the connection).
/// </remarks>
/// <param name="MaxTargetBytes">Bytes of the request target (path and query, as sent).</param>
/// <param name="MaxHeaderBytes">Bytes of the header fields, each counted as its line (name, <c>": "</c>, value, CRLF).</param>
/// <param name="MaxHeaderFields">Header fields (lines) in one request.</param>
public sealed record RequestHeadLimits(int MaxTargetBytes, int MaxHeaderBytes, int MaxHeaderFields)
{
    /// <summary>The setting for the target's limit: Kestrel's, for its request line.</summary>
    public const string MaxTargetBytesSetting = "Kestrel:Limits:MaxRequestLineSize";

    /// <summary>The setting for the header fields' bytes: Kestrel's.</summary>
    public const string MaxHeaderBytesSetting = "Kestrel:Limits:MaxRequestHeadersTotalSize";

    /// <summary>The setting for the number of header fields: Kestrel's.</summary>
    public const string MaxHeaderFieldsSetting = "Kestrel:Limits:MaxRequestHeaderCount";

    /// <summary>Kestrel's default request line, 8 KiB: the target's limit unless set.</summary>
    public const int DefaultMaxTargetBytes = 8 * 1024;

    /// <summary>Kestrel's default for the header fields' bytes, 32 KiB.</summary>
    public const int DefaultMaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's default number of header fields, 100.</summary>
    public const int DefaultMaxHeaderFields = 100;

    /// <summary>Kestrel's own request line limit at the least: method, target and version past it are refused by Kestrel itself.</summary>
    public const int KestrelMaxRequestLineBytes = 64 * 1024;

    /// <summary>Kestrel's own limit on the bytes of the header fields, at the least.</summary>
    public const int KestrelMaxHeaderBytes = 128 * 1024;

    /// <summary>Kestrel's own limit on the number of header fields, at the least.</summary>
    public const int KestrelMaxHeaderFields = 1000;

    /// <summary>Kestrel's own limit is this many times a limit set higher: a head just past the limit is still the server's to answer.</summary>
    public const int CeilingFactor = 4;

    /// <summary>Kestrel's own request line limit: <see cref="KestrelMaxRequestLineBytes"/>, or four times a target limit set higher.</summary>
    public int KestrelRequestLineBytes => Ceiling(KestrelMaxRequestLineBytes, MaxTargetBytes);

    /// <summary>Kestrel's own limit on the header fields' bytes: <see cref="KestrelMaxHeaderBytes"/>, or four times a limit set higher.</summary>
    public int KestrelHeaderBytes => Ceiling(KestrelMaxHeaderBytes, MaxHeaderBytes);

    /// <summary>Kestrel's own limit on the number of header fields: <see cref="KestrelMaxHeaderFields"/>, or four times a limit set higher.</summary>
    public int KestrelHeaderFields => Ceiling(KestrelMaxHeaderFields, MaxHeaderFields);

    /// <summary>
    /// Kestrel's own limit on one HTTP/2 field, the target (<c>:path</c>) included: the request line's ceiling, or twice the
    /// header fields' limit if that is more, so one field just past the server's limit is still answered. Past it Kestrel
    /// ends the whole connection (COMPRESSION_ERROR); at its default, 32 KiB, one field just past the server's 32 KiB of
    /// fields, or a target past 32 KiB, ended the connection instead of being answered with a problem.
    /// </summary>
    public int KestrelMaxFieldBytes => (int)Math.Min(int.MaxValue, Math.Max(KestrelRequestLineBytes, 2L * MaxHeaderBytes));

    /// <summary>Reads the limits, raises Kestrel's to the ceiling above them, and registers them for the check.</summary>
    /// <exception cref="StartupException">A limit set to something other than a whole number above zero.</exception>
    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limits = Read(builder.Configuration);
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(kestrel => limits.Raise(kestrel.Limits));
    }

    /// <summary>The limits the configuration sets, the defaults for those it does not.</summary>
    /// <exception cref="StartupException">A limit set to something other than a whole number above zero.</exception>
    public static RequestHeadLimits Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var limits = new RequestHeadLimits(
            Setting(configuration, MaxTargetBytesSetting, DefaultMaxTargetBytes, problems),
            Setting(configuration, MaxHeaderBytesSetting, DefaultMaxHeaderBytes, problems),
            Setting(configuration, MaxHeaderFieldsSetting, DefaultMaxHeaderFields, problems));
        return problems.Count == 0 ? limits : throw new StartupException(string.Join("; ", problems) + ".");
    }

    private void Raise(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = KestrelRequestLineBytes;
        limits.MaxRequestHeadersTotalSize = KestrelHeaderBytes;
        limits.MaxRequestHeaderCount = KestrelHeaderFields;
        limits.Http2.MaxRequestHeaderFieldSize = KestrelMaxFieldBytes;
    }

    private static int Ceiling(int least, int limit) => (int)Math.Min(int.MaxValue, Math.Max(least, (long)CeilingFactor * limit));

    private static int Setting(IConfiguration configuration, string name, int fallback, List<string> problems)
    {
        var value = configuration[name];
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0)
        {
            return limit;
        }

        problems.Add($"{name} is '{value}'; it must be a whole number above zero, or left out for {fallback.ToString("N0", CultureInfo.InvariantCulture)}");
        return fallback;
    }
}
