namespace Registers.Server.Tests.Support;

/// <summary>A signed request as an eavesdropper would keep it: the same method, target, headers and body, sent again later.</summary>
public static class CapturedRequest
{
    /// <summary>A copy of <paramref name="request"/> that can be sent on its own, before or after the original.</summary>
    public static async Task<HttpRequestMessage> CopyAsync(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new ByteArrayContent(await request.Content!.ReadAsByteArrayAsync()) };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var header in request.Content.Headers)
        {
            copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}
