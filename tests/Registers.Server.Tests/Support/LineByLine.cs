using System.Net.Sockets;
using System.Text;

namespace Registers.Server.Tests.Support;

/// <summary>An answer read off the wire: its status, its header fields (each line's value, in order) and its body, de-chunked.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">The header fields by name, case-insensitively, each with the values of its lines.</param>
/// <param name="Body">The body as text.</param>
public sealed record RawAnswer(int Status, IReadOnlyDictionary<string, List<string>> Headers, string Body);

/// <summary>
/// Sends a request with each header value on a line of its own, as HttpClient never does: it joins a field's values on one
/// line. Needed for what a server must make of a field sent twice (two Content-Type lines, two Idempotency-Key lines).
/// </summary>
public static class LineByLine
{
    /// <summary>Sends <paramref name="request"/> (already signed, if it is a write) as HTTP/1.1 and reads the whole answer.</summary>
    public static async Task<RawAnswer> SendAsync(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        var head = new StringBuilder($"{request.Method} {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\nContent-Length: {body.Length}\r\n");
        IEnumerable<KeyValuePair<string, System.Net.Http.Headers.HeaderStringValues>> fields = request.Headers.NonValidated;
        if (request.Content is not null)
        {
            fields = fields.Concat(request.Content.Headers.NonValidated);
        }

        foreach (var (name, values) in fields)
        {
            // The length is written above, once: the content may have worked it out too.
            foreach (var value in name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) ? [] : values)
            {
                head.Append($"{name}: {value}\r\n");
            }
        }

        return await SendAsync(uri, Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), body);
    }

    /// <summary>
    /// Sends <paramref name="head"/> (request line, header lines and the blank line, byte for byte as given) and then
    /// <paramref name="body"/> to <paramref name="server"/>, and reads the whole answer: the head should say <c>Connection: close</c>.
    /// </summary>
    public static async Task<RawAnswer> SendAsync(Uri server, byte[] head, byte[]? body = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.Host, server.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(head);
        await stream.WriteAsync(body ?? []);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        return Parse(answer.ToArray());
    }

    private static RawAnswer Parse(byte[] answer)
    {
        var end = answer.AsSpan().IndexOf("\r\n\r\n"u8);
        var lines = Encoding.ASCII.GetString(answer, 0, end).Split("\r\n");
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            if (!headers.TryGetValue(name, out var values))
            {
                headers[name] = values = [];
            }

            values.Add(line[(colon + 1)..].Trim());
        }

        var body = answer.AsSpan(end + 4);
        var chunked = headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return new RawAnswer(status, headers, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body));
    }

    /// <summary>The body of a chunked answer.</summary>
    private static byte[] Dechunk(ReadOnlySpan<byte> chunked)
    {
        var body = new List<byte>();
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked[..lineEnd]), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return [.. body];
            }

            body.AddRange(chunked.Slice(lineEnd + 2, size));
            chunked = chunked[(lineEnd + 2 + size + 2)..];
        }
    }
}
