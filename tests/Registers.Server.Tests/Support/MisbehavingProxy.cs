using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Registers.Server.Tests.Support;

/// <summary>What a <see cref="MisbehavingProxy"/> does with a request instead of passing its answer on as it came.</summary>
public abstract record Misbehaviour;

/// <summary>Answers the request with <paramref name="Status"/> and <paramref name="Body"/>, never passing it on: a server refusing it.</summary>
public sealed record Refusal(int Status, string Body, string ContentType = "application/problem+json") : Misbehaviour
{
    /// <summary>A refusal with problem details, as a register server refuses.</summary>
    public static Refusal Problem(int status, string title) =>
        new(status, $$"""{"title":"{{title}}","status":{{status}},"detail":"refused by the test's proxy"}""");
}

/// <summary>
/// Refuses a request whose Content-Length is more than <paramref name="Bytes"/> as a web server in front with a limit of its own
/// does (nginx's <c>client_max_body_size</c>): 413 with a web page naming no limit. Passes any other on.
/// </summary>
public sealed record BodyLimit(long Bytes) : Misbehaviour
{
    /// <summary>The page nginx answers with.</summary>
    public const string Page = "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
}

/// <summary>
/// Answers the request with <paramref name="Status"/> and a problem body that never ends: <paramref name="Bytes"/> more of it
/// each <paramref name="Interval"/>, until the client gives up. Never passed on: a hostile server's error answer.
/// </summary>
public sealed record EndlessRefusal(int Status, int Bytes, TimeSpan Interval) : Misbehaviour;

/// <summary>Passes the server's answer on <paramref name="Bytes"/> at a time, one step each <paramref name="Interval"/> (0 bytes: none of the body, ever).</summary>
public sealed record Trickle(int Bytes, TimeSpan Interval) : Misbehaviour;

/// <summary>
/// A reverse proxy on a loopback port in front of a server, over real HTTP: it passes every request on as sent, and the
/// answer back, but for those a test picks (<see cref="Misbehave"/>), which it refuses or whose answer it trickles, as a
/// hostile or broken server would.
/// </summary>
public sealed class MisbehavingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _server;

    private MisbehavingProxy(WebApplication app, HttpClient server)
    {
        _app = app;
        _server = server;
    }

    /// <summary>Where the proxy listens.</summary>
    public string Address => _app.Urls.First() + "/";

    /// <summary>What to do with a request, by its path and query; null (the default for all): pass it on.</summary>
    public Func<string, Misbehaviour?> Misbehave { get; set; } = _ => null;

    /// <summary>The requests that were misbehaved on, by path and query.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Misbehaved { get; } = new();

    /// <summary>Starts a proxy in front of <paramref name="server"/>.</summary>
    public static async Task<MisbehavingProxy> StartAsync(Uri server)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinResponseDataRate = null; // a trickle is the point
        });
        var app = builder.Build();
        var proxy = new MisbehavingProxy(app, new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = server,
            Timeout = Timeout.InfiniteTimeSpan,
        });
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var misbehaviour = Misbehave(target);
        if (misbehaviour is BodyLimit limit)
        {
            misbehaviour = context.Request.ContentLength > limit.Bytes ? new Refusal(413, BodyLimit.Page, "text/html") : null;
        }

        if (misbehaviour is not null)
        {
            Misbehaved.Enqueue(target);
        }

        if (misbehaviour is Refusal refusal)
        {
            context.Response.StatusCode = refusal.Status;
            context.Response.ContentType = refusal.ContentType;
            await context.Response.WriteAsync(refusal.Body, context.RequestAborted);
            return;
        }

        if (misbehaviour is EndlessRefusal endless)
        {
            await RefuseEndlesslyAsync(endless, context);
            return;
        }

        using var forwarded = ProxyForwarding.Request(context.Request, new Uri(_server.BaseAddress!, target));
        using var answer = await _server.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        var trickle = misbehaviour as Trickle;
        ProxyForwarding.Head(answer, context.Response, trickle is null ? [] : ["Content-Length"]); // a trickle is sent chunked
        if (trickle is null)
        {
            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            return;
        }

        await TrickleAsync(await answer.Content.ReadAsByteArrayAsync(context.RequestAborted), trickle, context);
    }

    /// <summary>Sends the start of a problem, then the same bytes of its detail for good, until the client gives up.</summary>
    private static async Task RefuseEndlesslyAsync(EndlessRefusal refusal, HttpContext context)
    {
        context.Response.StatusCode = refusal.Status;
        context.Response.ContentType = "application/problem+json";
        var more = new byte[refusal.Bytes];
        Array.Fill(more, (byte)'x');
        try
        {
            await context.Response.WriteAsync($$"""{"title":"Endless","status":{{refusal.Status}},"detail":"x""", context.RequestAborted);
            while (true)
            {
                await context.Response.Body.WriteAsync(more, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(refusal.Interval, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client stopped reading, as it should.
        }
    }

    /// <summary>Sends <paramref name="body"/> a step at a time, until it is all sent or the client gives up.</summary>
    private static async Task TrickleAsync(byte[] body, Trickle trickle, HttpContext context)
    {
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            for (var sent = 0; sent < body.Length; sent += trickle.Bytes)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(sent, Math.Min(trickle.Bytes, body.Length - sent)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(trickle.Interval, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up on the trickle, as it should.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _server.Dispose();
    }
}
