using System.Globalization;

namespace Registers.Bench;

/// <summary>What the figures were measured on, read from /proc where there is one.</summary>
internal sealed record Machine(int Cores, string Cpu, double MemoryGb, string Os)
{
    public static Machine Describe() => new(
        Environment.ProcessorCount,
        ProcLine("/proc/cpuinfo", "model name") ?? "unknown CPU",
        double.TryParse(ProcLine("/proc/meminfo", "MemTotal")?.Split(' ')[0], CultureInfo.InvariantCulture, out var kb) ? Math.Round(kb / 1024 / 1024, 1) : double.NaN,
        Environment.OSVersion.ToString());

    /// <summary>The 1, 5 and 15 minute load averages, or "unknown" off Linux.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public override string ToString() => $"{Cores} cores ({Cpu}), {MemoryGb:N1} GB memory, {Os}";

    /// <summary>The value after the colon of the first line of a /proc file that starts with <paramref name="name"/>.</summary>
    private static string? ProcLine(string path, string name) => File.Exists(path)
        ? File.ReadLines(path).Where(line => line.StartsWith(name, StringComparison.Ordinal)).Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
        : null;
}
