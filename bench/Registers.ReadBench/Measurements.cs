using System.Diagnostics;
using System.Net;

namespace Registers.ReadBench;

/// <summary>Requests per second and latency percentiles of one endpoint under a fixed number of connections.</summary>
internal sealed record LoadResult(string Name, long Requests, long Failures, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;

    public override string ToString() =>
        $"{Name,-28} {PerSecond,10:N0} req/s   p50 {P50Ms,6:N2} ms   p99 {P99Ms,6:N2} ms   ({Requests:N0} requests, {Failures} failed)";
}

/// <summary>What the server's memory did while a download was read.</summary>
internal sealed record DownloadResult(long Bytes, double FirstByteMs, double Seconds, double RssBeforeMiB, double RssMinMiB, double RssMaxMiB)
{
    public override string ToString() =>
        $"{Bytes / 1048576.0:N0} MiB in {Seconds:N1} s, first byte after {FirstByteMs:N0} ms; server RSS before {RssBeforeMiB:N0} MiB, during {RssMinMiB:N0}-{RssMaxMiB:N0} MiB";
}

internal static class Measurements
{
    /// <summary>Runs <paramref name="connections"/> clients against <paramref name="path"/> for a while, after a warm-up.</summary>
    public static async Task<LoadResult> LoadAsync(Uri server, string name, Func<Random, string> path, int connections, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server };
        await RunAsync(client, path, connections, TimeSpan.FromSeconds(3)); // warm-up: JIT, pools, caches
        return Summarise(name, await RunAsync(client, path, connections, duration), duration);
    }

    private static async Task<(List<double> Latencies, long Failures)[]> RunAsync(HttpClient client, Func<Random, string> path, int connections, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            var latencies = new List<double>(1 << 16);
            long failures = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path(random), HttpCompletionOption.ResponseContentRead);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures++;
                }
            }

            return (latencies, failures);
        })));
    }

    private static LoadResult Summarise(string name, (List<double> Latencies, long Failures)[] workers, TimeSpan duration)
    {
        var all = workers.SelectMany(worker => worker.Latencies).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return new LoadResult(name, all.Length, workers.Sum(worker => worker.Failures), duration.TotalSeconds, Percentile(0.50), Percentile(0.99));
    }

    /// <summary>Reads <paramref name="path"/> to the end, sampling the server's resident memory every 100 ms.</summary>
    public static async Task<DownloadResult> DownloadAsync(ServerProcess server, string path)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromHours(1) };
        var before = server.ResidentMiB();
        var samples = new List<double>();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                samples.Add(server.ResidentMiB());
                await Task.Delay(100);
            }
        });

        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        var first = await body.ReadAsync(buffer);
        var firstByte = clock.Elapsed.TotalMilliseconds;
        long bytes = first;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            bytes += read;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        return new DownloadResult(bytes, firstByte, seconds, before, samples.Min(), samples.Max());
    }
}
