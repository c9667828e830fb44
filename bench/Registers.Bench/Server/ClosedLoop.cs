using System.Diagnostics;

namespace Registers.Bench.Server;

/// <summary>
/// What a closed-loop run saw: operations completed inside the measured window, all completed (warm-up too),
/// failures, and latency percentiles of the window.
/// </summary>
internal sealed record LoadResult(long Requests, long Answered, long Failures, double Seconds, double P50Ms, double P99Ms)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>
/// A closed loop: <c>workers</c> callers, each starting its next operation as soon as its last one ends, for a warm-up
/// then a measured window. Operations wholly inside the window count; those of the warm-up do not. An operation is a
/// delegate (a GET, a signed append, a bare Marten append), so every figure and its baseline are driven the same way.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Runs <paramref name="operation"/>(worker, sequence number), which answers whether it succeeded.</summary>
    public static async Task<LoadResult> RunAsync(int workers, Func<int, long, Task<bool>> operation, TimeSpan warmUp, TimeSpan window)
    {
        var from = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var until = from + (long)(window.TotalSeconds * Stopwatch.Frequency);
        // Each worker starts on a thread of its own, where an operation that blocks (the read load generator's) keeps it;
        // one that awaits real I/O goes on in the thread pool.
        var results = await Task.WhenAll(Enumerable.Range(0, workers)
            .Select(worker => Task.Factory.StartNew(() => WorkAsync(operation, worker, workers, from, until),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));

        var latencies = results.SelectMany(result => result.Latencies).Order().ToArray();
        return new LoadResult(latencies.Length, results.Sum(result => result.Answered), results.Sum(result => result.Failures), window.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<(List<long> Latencies, long Answered, long Failures)> WorkAsync(
        Func<int, long, Task<bool>> operation, int worker, int stride, long from, long until)
    {
        var latencies = new List<long>();
        var (answers, failures) = (0L, 0L);
        for (long i = worker; ; i += stride)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin >= until)
            {
                return (latencies, answers, failures);
            }

            var succeeded = await operation(worker, i);
            var end = Stopwatch.GetTimestamp();
            if (!succeeded)
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
