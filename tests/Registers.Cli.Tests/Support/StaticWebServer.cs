using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Registers.Cli.Tests.Support;

/// <summary>
/// A real HTTP server on a free local port that answers every request alike: one status (200 unless told) with one body.
/// It stands for a web server that is not a register server, at an address given by mistake.
/// </summary>
internal sealed class StaticWebServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _body;
    private readonly string _contentType;
    private readonly HttpStatusCode _status;

    public StaticWebServer(string contentType, string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        (_contentType, _body, _status) = (contentType, Encoding.UTF8.GetBytes(body), status);
        Address = $"http://localhost:{FreePort()}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _ = Task.Run(AnswerAsync);
    }

    public string Address { get; }

    /// <summary>When set, every answer sends the client on to this address with the request's own path and query (a redirect status wants one).</summary>
    public string? RedirectTo { get; init; }

    /// <summary>The requests answered, as <c>METHOD /path</c>.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose() => _listener.Close();

    private async Task AnswerAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // closed
            }

            Requests.Enqueue($"{context.Request.HttpMethod} {context.Request.Url?.PathAndQuery}");
            if (RedirectTo is { } target)
            {
                context.Response.RedirectLocation = target.TrimEnd('/') + context.Request.Url?.PathAndQuery;
            }

            context.Response.StatusCode = (int)_status;
            context.Response.ContentType = _contentType;
            await context.Response.OutputStream.WriteAsync(_body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
