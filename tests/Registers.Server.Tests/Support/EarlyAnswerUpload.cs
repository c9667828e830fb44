using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Registers.Protocol.Checkpoints;

namespace Registers.Server.Tests.Support;

/// <summary>
/// A signed POST whose body trickles in over a connection of its own, and whose answer is read while the body is still
/// being sent, as curl reads one: .NET's own client reads no answer before it has sent the whole body.
/// </summary>
public sealed class EarlyAnswerUpload : IAsyncDisposable
{
    private readonly TcpClient _connection;
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _giveUp = new();
    private readonly Task _sending;

    private EarlyAnswerUpload(TcpClient connection, byte[] body, int step, TimeSpan interval)
    {
        _connection = connection;
        _stream = connection.GetStream();
        _sending = SendAsync(body, step, interval);
    }

    /// <summary>Bytes of the body sent so far.</summary>
    public long Sent { get; private set; }

    /// <summary>
    /// Sends the headers of a POST of <paramref name="body"/> to <paramref name="path"/>, signed with <paramref name="key"/>,
    /// then the body, <paramref name="step"/> bytes every <paramref name="interval"/>, until it is sent or the connection ends.
    /// </summary>
    public static async Task<EarlyAnswerUpload> StartAsync(Uri server, string path, byte[] body, string mediaType, SignerKey key, int step, TimeSpan interval)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        request.Content.Headers.ContentLength = body.Length;
        await SigningHandler.SignAsync(request, key, DateTimeOffset.UtcNow);

        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\n");
        foreach (var (name, values) in request.Headers.Concat(request.Content.Headers))
        {
            head.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
        }

        var connection = new TcpClient();
        await connection.ConnectAsync(server.Host, server.Port);
        await connection.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        return new EarlyAnswerUpload(connection, body, step, interval);
    }

    /// <summary>The status line and headers of the answer, then its body (up to its Content-Length, or the connection's end).</summary>
    public async Task<(int Status, IReadOnlyDictionary<string, string> Headers, string Body)> AnswerAsync()
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOfBlankLine(received)) < 0)
        {
            var read = await _stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException($"The connection closed before an answer's headers ({received.Length} bytes received).");
            }

            received.Write(buffer, 0, read);
        }

        var lines = Encoding.ASCII.GetString(received.GetBuffer(), 0, headEnd).Split("\r\n");
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).ToDictionary(part => part[0].Trim(), part => part[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new MemoryStream();
        body.Write(received.GetBuffer(), headEnd + 4, (int)received.Length - headEnd - 4);
        var chunked = headers.GetValueOrDefault("Transfer-Encoding") == "chunked";
        var length = headers.TryGetValue("Content-Length", out var given) ? long.Parse(given, CultureInfo.InvariantCulture) : long.MaxValue;

        // The server may go on reading (and dropping) the rest of the body after its answer, so a chunked answer is read to
        // its last chunk, not to the connection's end.
        while (chunked ? !body.GetBuffer().AsSpan(0, (int)body.Length).EndsWith("0\r\n\r\n"u8) : body.Length < length)
        {
            var read = await _stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            body.Write(buffer, 0, read);
        }

        var text = chunked ? Unchunked(body.ToArray()) : Encoding.UTF8.GetString(body.ToArray());
        return (int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture), headers, text);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _giveUp.CancelAsync();
        await Record.ExceptionAsync(() => _sending);
        _connection.Dispose();
        _giveUp.Dispose();
    }

    private async Task SendAsync(byte[] body, int step, TimeSpan interval)
    {
        try
        {
            for (var sent = 0; sent < body.Length; sent += step)
            {
                await _stream.WriteAsync(body.AsMemory(sent, Math.Min(step, body.Length - sent)), _giveUp.Token);
                Sent = sent + Math.Min(step, body.Length - sent);
                await Task.Delay(interval, _giveUp.Token);
            }
        }
        catch (Exception failure) when (failure is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The server closed the connection, or the test gave up: the rest is not sent.
        }
    }

    private static string Unchunked(byte[] chunked)
    {
        var text = new StringBuilder();
        var at = 0;
        while (true)
        {
            var sizeEnd = chunked.AsSpan(at).IndexOf("\r\n"u8) + at;
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, sizeEnd - at).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return text.ToString();
            }

            text.Append(Encoding.UTF8.GetString(chunked, sizeEnd + 2, size));
            at = sizeEnd + 2 + size + 2;
        }
    }

    private static int IndexOfBlankLine(MemoryStream received)
    {
        var bytes = received.GetBuffer().AsSpan(0, (int)received.Length);
        return bytes.IndexOf("\r\n\r\n"u8);
    }
}
