namespace Registers.Cli.Writes;

/// <summary>
/// Follows redirects for reads only. The socket handler's own following would send a write's body, and the signature headers
/// HttpClient leaves on it, to whatever host a 307 or 308 names; so it is turned off, and reads (which GOV.UK's older paths
/// are redirected for) are followed here, as HttpClient would: at most 50 hops, never from https to http.
/// </summary>
internal sealed class ReadsOnlyRedirects : DelegatingHandler
{
    private const int MaxHops = 50;

    private ReadsOnlyRedirects(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary><paramref name="inner"/>, its own following of redirects turned off, inside a handler that follows them for reads.</summary>
    public static HttpMessageHandler Around(HttpMessageHandler inner)
    {
        switch (inner)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }

        return new ReadsOnlyRedirects(inner);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var hops = 0; ; hops++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!IsRedirect(response) || response.Headers.Location is not { } location || request.RequestUri is not { } from)
            {
                return response;
            }

            var to = new Uri(from, location);
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
            {
                response.Dispose();
                throw new RedirectedWriteException(from, to, (int)response.StatusCode);
            }

            if (hops == MaxHops || (from.Scheme == Uri.UriSchemeHttps && to.Scheme != Uri.UriSchemeHttps))
            {
                return response;
            }

            response.Dispose();
            request.RequestUri = to;
        }
    }

    private static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is 301 or 302 or 303 or 307 or 308;
}
