using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Registers.Bench.Server;

/// <summary>
/// One HTTP/1.1 keep-alive connection that sends GETs encoded before the clock starts and reads each answer whole: its
/// status line, its headers, and exactly <c>Content-Length</c> bytes of body. It does no more than a request needs,
/// so that the load generator, which shares the server's cores, takes as little of them as it can (as wrk does).
/// Its calls block: on a thread of its own, an answer wakes just that thread, where an asynchronous read wakes the
/// socket engine's thread and then a pool thread; side by side on 2 cores that cost 0.025-0.030 ms of CPU a record
/// lookup against 0.041-0.049 ms. An answer without <c>Content-Length</c> stops the run rather than being guessed at:
/// every read measured here sends one.
/// </summary>
internal sealed class KeepAliveConnection(Uri server) : IDisposable
{
    private static readonly byte[] HeadersEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLength = "content-length:"u8.ToArray();
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly EndPoint _server = new DnsEndPoint(server.Host, server.Port);
    private readonly byte[] _buffer = new byte[64 * 1024];
    private Socket? _socket;

    /// <summary>The request bytes of a GET of <paramref name="target"/>, encoded once.</summary>
    public static byte[] Encode(Uri target) =>
        Encoding.ASCII.GetBytes($"GET {target.PathAndQuery} HTTP/1.1\r\nHost: {target.Authority}\r\nAccept: application/json\r\n\r\n");

    /// <summary>Sends <paramref name="request"/> and reads its answer whole; true when the status is 2xx.</summary>
    public bool Get(byte[] request)
    {
        try
        {
            _socket ??= Connect();
            _socket.Send(request, SocketFlags.None);
            return ReadAnswer(_socket);
        }
        catch (Exception failure) when (failure is SocketException or IOException)
        {
            Dispose(); // the next request opens another connection
            return false;
        }
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _socket = null;
    }

    private Socket Connect()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)Patience.TotalMilliseconds, // a stalled server fails the request instead of the run hanging
            SendTimeout = (int)Patience.TotalMilliseconds,
        };
        socket.Connect(_server);
        return socket;
    }

    private bool ReadAnswer(Socket socket)
    {
        var filled = 0;
        int headersEnd;
        while ((headersEnd = _buffer.AsSpan(0, filled).IndexOf(HeadersEnd)) < 0)
        {
            if (filled == _buffer.Length)
            {
                throw new InvalidOperationException($"An answer's headers ran past {_buffer.Length} bytes.");
            }

            filled += Receive(socket, _buffer.AsSpan(filled));
        }

        var (status, length) = Head(_buffer.AsSpan(0, headersEnd));
        var remaining = length - (filled - headersEnd - HeadersEnd.Length);
        while (remaining > 0)
        {
            remaining -= Receive(socket, _buffer.AsSpan(0, (int)Math.Min(remaining, _buffer.Length)));
        }

        if (remaining < 0)
        {
            throw new InvalidOperationException("The server sent more than its Content-Length: the connection is out of step.");
        }

        return status is >= 200 and < 300;
    }

    private static int Receive(Socket socket, Span<byte> into)
    {
        var read = socket.Receive(into, SocketFlags.None);
        return read > 0 ? read : throw new IOException("The server closed the connection mid-answer.");
    }

    /// <summary>The status code and Content-Length of an answer's head (status line and headers, without the blank line).</summary>
    private static (int Status, long Length) Head(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK": the code is the three digits after the first space.
        if (head.Length < 12 || !head.StartsWith("HTTP/1.1 "u8) || !Utf8Parser.TryParse(head[9..12], out int status, out _))
        {
            throw new InvalidOperationException("An answer did not start with an HTTP/1.1 status line.");
        }

        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            if (line.Length > ContentLength.Length && Ascii.EqualsIgnoreCase(line[..ContentLength.Length], ContentLength))
            {
                return Utf8Parser.TryParse(line[ContentLength.Length..].Trim((byte)' '), out long length, out var used) && used > 0
                    ? (status, length)
                    : throw new InvalidOperationException("An answer's Content-Length was not a number.");
            }
        }

        throw new InvalidOperationException($"An answer ({status}) had no Content-Length: this generator reads only answers that say their length.");
    }
}
