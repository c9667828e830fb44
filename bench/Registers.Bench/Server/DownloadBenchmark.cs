using System.Diagnostics;

namespace Registers.Bench.Server;

/// <summary>
/// The whole register downloaded as RSF (<c>/download-rsf</c>, streamed by the server) and read to the end, once per
/// round; the figure is the median rate. The server's memory during it is taken by the phase around it: streaming
/// should hold it flat whatever the register's size.
/// </summary>
internal static class DownloadBenchmark
{
    public static async Task<IReadOnlyList<Row>> RunAsync(ServerSizes sizes, BenchServer server, List<string> notes)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
        var (seconds, firstBytes, length) = (new List<double>(), new List<double>(), 0L);
        for (var round = 0; round < sizes.Windows; round++)
        {
            var timer = Stopwatch.StartNew();
            using var response = await client.GetAsync($"/registers/{ServerBenchmarks.Register}/download-rsf", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1 << 16];
            length = 0;
            for (int read; (read = await body.ReadAsync(buffer)) > 0;)
            {
                firstBytes.Add(length == 0 ? timer.Elapsed.TotalMilliseconds : double.NaN);
                length += read;
            }

            seconds.Add(timer.Elapsed.TotalSeconds);
        }

        var median = Measure.Median(seconds);
        notes.Add($"download: /download-rsf read to the end, {length / 1e6:N1} MB, {sizes.Windows} time(s): "
            + string.Join(", ", seconds.Select(s => $"{s:N2} s")) + $"; first bytes after {Measure.Median(firstBytes.Where(double.IsFinite)):N0} ms (median).");
        return [new Row($"whole register as RSF (/download-rsf), {sizes.LoadEntries:N0} entries", sizes.LoadEntries / median, "entries/s", double.NaN, "", "", null)];
    }
}
