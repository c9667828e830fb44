using Microsoft.AspNetCore.Http;

namespace Registers.Server.Tests.Support;

/// <summary>
/// What the test proxies share: a request passed on to the server as the client sent it, and the server's answer's status
/// and headers passed back, but for the headers of one connection.
/// </summary>
public static class ProxyForwarding
{
    /// <summary>Headers of one connection, not of the request or answer passed on.</summary>
    private static readonly string[] HopByHop = ["Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Upgrade", "Expect", "Proxy-Connection", "Host"];

    /// <summary>
    /// <paramref name="request"/> as a request to <paramref name="target"/>: its method, its body streamed as it comes, its
    /// headers, and the Host header the client sent (a proxy in front of writes must keep it: signatures cover it).
    /// </summary>
    public static HttpRequestMessage Request(HttpRequest request, Uri target)
    {
        var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            forwarded.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers.Where(header => !IsHopByHop(header.Key)))
        {
            if (!forwarded.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forwarded.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        forwarded.Headers.Host = request.Host.Value;
        return forwarded;
    }

    /// <summary>Sets <paramref name="response"/>'s status and headers to <paramref name="answer"/>'s, but for those of one connection and <paramref name="leftOut"/>.</summary>
    public static void Head(HttpResponseMessage answer, HttpResponse response, params string[] leftOut)
    {
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers)
                     .Where(header => !IsHopByHop(header.Key) && !leftOut.Contains(header.Key, StringComparer.OrdinalIgnoreCase)))
        {
            response.Headers[name] = values.ToArray();
        }
    }

    private static bool IsHopByHop(string header) => HopByHop.Contains(header, StringComparer.OrdinalIgnoreCase);
}
