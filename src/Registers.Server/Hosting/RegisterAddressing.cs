using Registers.Protocol.Entries;
using Registers.Protocol.Json;

namespace Registers.Server.Hosting;

/// <summary>
/// Runs before routing, so every read endpoint is defined once under <c>/registers/{name}</c>:
/// <list type="bullet">
/// <item>a read of <c>&lt;name&gt;.&lt;domain&gt;/path</c> (or with that <c>X-Forwarded-Host</c>) becomes
/// <c>/registers/&lt;name&gt;/path</c>, as GOV.UK served each register at the root of its own host;</item>
/// <item>a format suffix (<c>/records.json</c>, <c>/.well-known/registers/write-limits.json</c>) is taken off the path and remembered (<see cref="Representation"/>);</item>
/// <item>the path as the client sent it is remembered, so links in answers point where the client looks.</item>
/// </list>
/// </summary>
public sealed class RegisterAddressing(RequestDelegate next, ServerOptions options)
{
    private const string OriginalPathItem = "registers.original-path";
    private const string OriginalTargetItem = "registers.original-target";
    private const string HostRoutedItem = "registers.host-routed";
    private const string HostRootItem = "registers.host-root";

    /// <summary>Paths that stay global on a register's own host, with what is below them (the page reads the list at <c>/registers</c>).</summary>
    private static readonly string[] GlobalPaths = ["/registers", "/openapi", "/scalar", "/.well-known", "/ui"];

    private readonly string _domain = (options ?? throw new ArgumentNullException(nameof(options))).RegisterDomain ?? options.PublicHost;

    /// <summary>Rewrites the request, then calls the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        context.Items[OriginalPathItem] = request.PathBase + path;
        context.Items[OriginalTargetItem] = RequestTarget.RawPath(context);
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

        // Reads only: a write's signature binds its path and the host it was sent to, never a forwarded host, so a write
        // routed by host could be sent to another register by a header nobody signed. Writes name their register in the path.
        if (isRead && RegisterOfHost(request) is { } register && !IsGlobal(path))
        {
            context.Items[HostRoutedItem] = true;
            if (path == "/")
            {
                context.Items[HostRootItem] = register;
            }

            path = $"/registers/{register}{(path == "/" ? "" : path)}";
        }

        if (isRead && IsBelowRegisters(path))
        {
            path = Representation.StripSuffix(context, path);
        }

        // Not `request.Path = path`: a string converts to a PathString by decoding it, which decoded the path a second
        // time, so "%2561" (the client's "%61") was read as "a".
        request.Path = new PathString(path);
        return next(context);
    }

    private static bool IsGlobal(string path) =>
        IsRegisterList(path)
        || GlobalPaths.Any(global => path.StartsWith(global, StringComparison.Ordinal) && (path.Length == global.Length || path[global.Length] == '/'));

    // The list with a format's suffix (/registers.json), as every other read takes one.
    private static bool IsRegisterList(string path) => path.StartsWith("/registers.", StringComparison.Ordinal) && path.IndexOf('/', 1) < 0;

    // The well-known reads are reads like the rest (/.well-known/registers/write-limits.json).
    private static bool IsBelowRegisters(string path) =>
        path.StartsWith("/registers/", StringComparison.Ordinal)
        || path.StartsWith("/.well-known/registers/", StringComparison.Ordinal)
        || IsRegisterList(path);

    /// <summary>The path the client sent (before any rewrite), decoded: for messages; links take <see cref="OriginalUriPath"/>.</summary>
    public static string OriginalPath(HttpContext context) =>
        context?.Items[OriginalPathItem] as string ?? context?.Request.Path.Value ?? "/";

    /// <summary>
    /// The path the client sent (before any rewrite) as it sent it, for a URI (a link, a header). Not <see cref="OriginalPath"/>
    /// escaped again: decoded, a value sent as <c>100%2541</c> reads <c>100%41</c>, which escaped again is <c>100%41</c>, a link to <c>100A</c>.
    /// </summary>
    public static string OriginalUriPath(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[OriginalTargetItem] is string target
            ? RequestTarget.ForUri(target)
            : new PathString(OriginalPath(context)).ToUriComponent();
    }

    /// <summary>
    /// Where <paramref name="register"/>'s resources are, as the client addresses them: <c>/registers/&lt;name&gt;</c>, or the
    /// root of its own host, below any prefix a proxy took off.
    /// </summary>
    public static string RegisterBase(HttpContext context, string register) =>
        ClientTarget.PathOf(context, context?.Items.ContainsKey(HostRoutedItem) == true ? "" : $"/registers/{register}");

    /// <summary>The register whose own host's root (<c>&lt;name&gt;.&lt;domain&gt;/</c>) the request is for; null for any other request.</summary>
    public static string? RegisterOfHostRoot(HttpContext context) => context?.Items[HostRootItem] as string;

    /// <summary>Where one log's resources are: the register's base, and <c>/system</c> below it for metadata.</summary>
    public static string LogBase(HttpContext context, string register, EntryLog log) =>
        RegisterBase(context, register) + (log == EntryLog.System ? "/system" : "");

    private string? RegisterOfHost(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-Host"].ToString();
        var host = string.IsNullOrEmpty(forwarded) ? request.Host.Value ?? "" : forwarded.Split(',')[0].Trim();
        if (!_domain.Contains(':', StringComparison.Ordinal) && host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        var suffix = "." + _domain;
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = host[..^suffix.Length].ToLowerInvariant();
        return CanonicalJson.IsAttributeName(name) ? name : null;
    }
}
