using System.Globalization;

namespace Registers.Server.Database;

/// <summary>
/// A process as Linux's /proc/&lt;pid&gt;/stat shows it, which anyone may read, whatever user the process runs as: its state,
/// the name of the program it runs, and when it started.
/// </summary>
/// <param name="State">The state letter: R, S, D, Z (dead, not yet reaped), X...</param>
/// <param name="Program">The program's name as the kernel keeps it (at most 15 characters), which a process keeps whatever title it gives itself.</param>
/// <param name="Started">When it started, to the second or better; null if /proc did not say.</param>
internal sealed record LinuxProcess(char State, string Program, DateTimeOffset? Started)
{
    // sysconf(_SC_CLK_TCK), read as the C library reads it: once, since it never changes.
    private static readonly long TicksPerSecond = ReadTicksPerSecond();

    /// <summary>The process (or thread) with ID <paramref name="pid"/>, or null when there is none, or /proc cannot be read.</summary>
    public static LinuxProcess? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return null; // no such process, or it ended while we read
        }

        // "pid (program) S ppid ...": the name may hold spaces and parentheses, so the fields follow the last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.Length)
        {
            return new LinuxProcess('S', "", null);
        }

        var fields = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var program = stat[(open + 1)..close];

        // Field 22 is the start in clock ticks after boot; field 3, the state, is fields[0].
        DateTimeOffset? started = fields.Length > 19 && long.TryParse(fields[19], CultureInfo.InvariantCulture, out var ticks) && BootTime() is { } boot
            ? boot.AddSeconds((double)ticks / TicksPerSecond)
            : null;
        return new LinuxProcess(fields.Length > 0 && fields[0].Length > 0 ? fields[0][0] : 'S', program, started);
    }

    // Read each time rather than once: the kernel moves it when the clock is set.
    private static DateTimeOffset? BootTime()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            return line is not null && long.TryParse(line.AsSpan(6), CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The AT_CLKTCK entry of the auxiliary vector the kernel hands every process (pairs of machine words: type, value).
    private static long ReadTicksPerSecond()
    {
        const ulong clockTicks = 17, end = 0;
        try
        {
            var vector = File.ReadAllBytes("/proc/self/auxv");
            var word = IntPtr.Size;
            for (var at = 0; at + (2 * word) <= vector.Length; at += 2 * word)
            {
                var (type, value) = word == 8
                    ? (BitConverter.ToUInt64(vector, at), BitConverter.ToUInt64(vector, at + 8))
                    : (BitConverter.ToUInt32(vector, at), BitConverter.ToUInt32(vector, at + 4));
                if (type == end)
                {
                    break;
                }

                if (type == clockTicks && value is > 0 and < 1_000_000)
                {
                    return (long)value;
                }
            }
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            // Fall back to the value every Linux port .NET runs on has.
        }

        return 100;
    }
}
