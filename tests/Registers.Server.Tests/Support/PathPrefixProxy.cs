using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Registers.Server.Tests.Support;

/// <summary>
/// A reverse proxy on a loopback port that publishes a server below a path, as one in front of a real deployment may: a
/// request for <c>{Prefix}/rest</c> is forwarded to <c>/rest</c> on the server, its path and query as sent, with the Host
/// header the client sent (a proxy in front of writes must keep it: signatures cover it) and, when told, the prefix it
/// took off in <c>X-Forwarded-Prefix</c>. Anything outside the prefix gets the proxy's own answer: a plain-text 404. Paths
/// it is told to hide are passed on as paths the server does not serve, so the server behind it answers them as a server
/// from before they were added would: with its own 404 problem.
/// </summary>
public sealed class PathPrefixProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _server;

    private readonly IReadOnlySet<string> _hidden;

    private PathPrefixProxy(WebApplication app, HttpClient server, string prefix, IReadOnlySet<string> hidden)
    {
        _app = app;
        _server = server;
        Prefix = prefix;
        _hidden = hidden;
    }

    /// <summary>The path the server is published below, e.g. <c>/registers-api</c>.</summary>
    public string Prefix { get; }

    /// <summary>Where the proxy listens: its root, outside the prefix.</summary>
    public Uri Address => new(_app.Urls.First());

    /// <summary>The server's address through the proxy, without a trailing slash: <c>http://127.0.0.1:port/prefix</c>.</summary>
    public string Published => Address.GetLeftPart(UriPartial.Authority) + Prefix;

    /// <summary>
    /// Starts a proxy forwarding <paramref name="prefix"/> to <paramref name="server"/>, saying so in <c>X-Forwarded-Prefix</c>
    /// when <paramref name="forwardsPrefix"/>, and hiding the <paramref name="hidden"/> paths (below the prefix) from clients.
    /// </summary>
    public static async Task<PathPrefixProxy> StartAsync(Uri server, string prefix, bool forwardsPrefix, params string[] hidden)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null; // RSF loads pass through whole
        });
        var app = builder.Build();
        var proxy = new PathPrefixProxy(app, new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan }, prefix,
            hidden.ToHashSet(StringComparer.Ordinal));
        app.Run(context => proxy.ForwardAsync(context, server, forwardsPrefix));
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, Uri server, bool forwardsPrefix)
    {
        // The raw target, not the decoded path: escapes pass on as the client sent them, as a signature covers them.
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (!target.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("404 page not found");
            return;
        }

        var request = context.Request;
        var rest = target[Prefix.Length..];
        if (_hidden.Contains(rest.Split('?')[0]))
        {
            rest = "/hidden-by-the-proxy" + rest; // a path no server serves
        }

        using var forwarded = ProxyForwarding.Request(request, new Uri(server.GetLeftPart(UriPartial.Authority) + rest));
        if (forwarded.Content is not null)
        {
            // Announced, so a server that refuses a body before it reads it (413) is heard, not a connection broken mid-body.
            forwarded.Headers.ExpectContinue = true;
        }

        if (forwardsPrefix)
        {
            forwarded.Headers.Add("X-Forwarded-Prefix", Prefix);
        }

        using var answer = await _server.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        ProxyForwarding.Head(answer, context.Response);
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _server.Dispose();
    }
}
