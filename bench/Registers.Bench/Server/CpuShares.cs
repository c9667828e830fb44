using System.Diagnostics;
using System.Globalization;

namespace Registers.Bench.Server;

/// <summary>
/// Where the machine's CPU went while something ran: the server process, this harness (the load generator and the
/// clients), and the rest (PostgreSQL, and other people's processes on a shared machine), from /proc/stat and the
/// processes' own CPU times. Shares of all cores, per operation, so that a rate can be read against what it cost.
/// </summary>
internal sealed class CpuShares(BenchServer server)
{
    private (double Busy, double Server, double Harness) _start;

    public void Start() => _start = Now();

    /// <summary>CPU milliseconds per operation since <see cref="Start"/>: all cores busy, the server, the harness, the rest.</summary>
    public string PerOperation(long operations)
    {
        var now = Now();
        var (busy, serverMs, harness) = (now.Busy - _start.Busy, now.Server - _start.Server, now.Harness - _start.Harness);
        string Ms(double total) => (total / operations).ToString("N3", CultureInfo.InvariantCulture);
        return $"CPU per operation (all {Environment.ProcessorCount} cores busy {Ms(busy)} ms): server {Ms(serverMs)} ms, harness {Ms(harness)} ms, "
            + $"PostgreSQL and everything else {Ms(busy - serverMs - harness)} ms";
    }

    private (double Busy, double Server, double Harness) Now()
    {
        using var self = Process.GetCurrentProcess();
        return (MachineBusyMs(), server.CpuTime.TotalMilliseconds, self.TotalProcessorTime.TotalMilliseconds);
    }

    /// <summary>Milliseconds all cores spent neither idle nor waiting for I/O since boot (NaN off Linux).</summary>
    private static double MachineBusyMs()
    {
        if (!File.Exists("/proc/stat"))
        {
            return double.NaN;
        }

        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var busy = ticks.Take(8).Sum() - ticks[3] - ticks[4]; // user nice system idle iowait irq softirq steal
        return busy * 10.0; // USER_HZ is 100 on Linux
    }
}
