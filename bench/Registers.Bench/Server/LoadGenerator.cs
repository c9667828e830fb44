using System.Net;

namespace Registers.Bench.Server;

/// <summary>
/// A closed-loop HTTP load generator: <c>connections</c> workers, each with its own keep-alive connection, send
/// GETs from a list of pre-built operations (no parsing or formatting while measuring), reading every body in full.
/// An operation is one GET or several in sequence (a record, then the inclusion proof of its entry).
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(IReadOnlyList<Uri[]> operations, int connections, TimeSpan warmUp, TimeSpan window)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        return await ClosedLoop.RunAsync(connections, async (_, i) =>
        {
            foreach (var target in operations[(int)(i % operations.Count)])
            {
                if (!await GetAsync(client, target))
                {
                    return false;
                }
            }

            return true;
        }, warmUp, window);
    }

    private static async Task<bool> GetAsync(HttpClient client, Uri target)
    {
        try
        {
            using var response = await client.GetAsync(target, HttpCompletionOption.ResponseContentRead);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
