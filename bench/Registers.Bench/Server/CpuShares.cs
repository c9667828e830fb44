using System.Diagnostics;
using System.Globalization;

namespace Registers.Bench.Server;

/// <summary>
/// Where the machine's CPU went while something ran: the server process, the harness's own process (load generator and
/// clients), the private PostgreSQL cluster (its postmaster and every backend), and the rest (other processes of a
/// shared machine), from /proc. Milliseconds per operation, so that a rate can be read against what it cost.
/// </summary>
internal sealed class CpuShares(BenchServer server, int postmaster)
{
    private Sample _start = new(0, 0, 0, 0);

    private sealed record Sample(double Busy, double Server, double Harness, double Postgres);

    public void Start() => _start = Now();

    /// <summary>
    /// CPU milliseconds per operation (named <paramref name="operation"/> in the text) since <see cref="Start"/>: all
    /// cores busy, then by whom.
    /// </summary>
    public string PerOperation(long operations, string operation = "append")
    {
        var now = Now();
        string Ms(double total) => (total / operations).ToString("N3", CultureInfo.InvariantCulture);
        var (busy, serverMs, harness, postgres) = (now.Busy - _start.Busy, now.Server - _start.Server, now.Harness - _start.Harness, now.Postgres - _start.Postgres);
        return $"CPU per {operation}: all {Environment.ProcessorCount} cores busy {Ms(busy)} ms, of which server {Ms(serverMs)} ms, PostgreSQL {Ms(postgres)} ms, "
            + $"harness {Ms(harness)} ms, other processes {Ms(busy - serverMs - postgres - harness)} ms";
    }

    private Sample Now()
    {
        using var self = Process.GetCurrentProcess();
        return new Sample(MachineBusyMs(), server.CpuTime.TotalMilliseconds, self.TotalProcessorTime.TotalMilliseconds, ClusterMs());
    }

    /// <summary>The postmaster's CPU with its ended children's, plus that of its live children (the backends).</summary>
    private double ClusterMs()
    {
        var total = 0.0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && ProcStat(pid) is { } stat && (pid == postmaster || stat.Parent == postmaster))
            {
                total += stat.User + stat.System + (pid == postmaster ? stat.ChildrenUser + stat.ChildrenSystem : 0);
            }
        }

        return total * 10.0; // USER_HZ is 100 on Linux
    }

    private static (int Parent, long User, long System, long ChildrenUser, long ChildrenSystem)? ProcStat(int pid)
    {
        try
        {
            // The command name is in parentheses and may hold spaces: fields are counted after its closing one.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture); // numbered as proc(5) numbers them
            return ((int)Field(4), Field(14), Field(15), Field(16), Field(17));
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
    }

    /// <summary>Milliseconds all cores spent neither idle nor waiting for I/O since boot.</summary>
    private static double MachineBusyMs()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        return (ticks.Take(8).Sum() - ticks[3] - ticks[4]) * 10.0; // user nice system idle iowait irq softirq steal
    }
}
