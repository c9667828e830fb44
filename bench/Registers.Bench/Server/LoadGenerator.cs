using System.Diagnostics;
using System.Net;

namespace Registers.Bench.Server;

/// <summary>
/// What a load generator run saw: requests answered inside the measured window, all answered (warm-up too),
/// failures, and latency percentiles of the window.
/// </summary>
internal sealed record LoadResult(long Requests, long Answered, long Failures, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// A closed-loop HTTP load generator: <c>connections</c> workers, each with its own keep-alive connection, send
/// GETs one after another from a list of pre-built URIs (no parsing or formatting while measuring), reading every
/// body in full. Requests wholly inside the measured window count; those of the warm-up before it do not.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(IReadOnlyList<Uri> targets, int connections, TimeSpan warmUp, TimeSpan window)
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
        var from = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var until = from + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections)
            .Select(worker => Task.Run(() => WorkAsync(client, targets, worker, connections, from, until)))
            .ToArray();
        var results = await Task.WhenAll(workers);

        var latencies = results.SelectMany(result => result.Latencies).Order().ToArray();
        return new LoadResult(latencies.Length, results.Sum(result => result.Answered), results.Sum(result => result.Failures), window.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<(List<long> Latencies, long Answered, long Failures)> WorkAsync(
        HttpClient client, IReadOnlyList<Uri> targets, int worker, int stride, long from, long until)
    {
        var latencies = new List<long>();
        var (answers, failures) = (0L, 0L);
        for (var i = worker; ; i += stride)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin >= until)
            {
                return (latencies, answers, failures);
            }

            bool answered;
            try
            {
                using var response = await client.GetAsync(targets[i % targets.Count], HttpCompletionOption.ResponseContentRead);
                answered = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                answered = false;
            }

            var end = Stopwatch.GetTimestamp();
            if (!answered)
            {
                failures++; // in the warm-up too: a benchmark of errors measures nothing
                continue;
            }

            answers++;
            if (begin >= from && end <= until)
            {
                latencies.Add(end - begin);
            }
        }
    }

    /// <summary>The nearest-rank percentile of sorted timestamps, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double fraction) => sorted.Length == 0
        ? double.NaN
        : sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
}
