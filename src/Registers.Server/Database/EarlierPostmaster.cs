using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Registers.Server.Database;

/// <summary>
/// The postmaster a cluster's postmaster.pid names, and whether it is running, on its way out, or gone. PostgreSQL will not
/// start beside a postmaster whose PID still answers a signal, nor while processes of one still use its shared memory, and
/// pg_ctl takes any PID that answers for a running server. A killed postmaster answers until its parent reaps it (init, once
/// pg_ctl has gone, and some init processes reap only every second or two); one shutting down answers until it is done. So a
/// start right after a crash must wait for it, rather than take it for a cluster to use or start a second one beside it.
/// </summary>
internal sealed record EarlierPostmaster(int Pid, string Status, long? SharedMemoryKey, long? SharedMemoryId)
{
    // A postmaster killed with the server is reaped within a second or two; one shutting down takes as long as its checkpoint.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>What the postmaster is doing.</summary>
    public enum Activity
    {
        /// <summary>Alive: ready, or starting (recovering after a crash, say).</summary>
        Running,

        /// <summary>Shutting down, or dead but not yet reaped.</summary>
        Exiting,

        /// <summary>No process has its PID: the file is stale, which PostgreSQL itself sees and replaces.</summary>
        Gone,
    }

    /// <summary>
    /// Waits, up to half a minute and saying so, until no postmaster of an earlier run is on its way out of the cluster in
    /// <paramref name="dataDirectory"/>, nor any of its processes still holds the cluster's shared memory.
    /// </summary>
    /// <returns>Whether a postmaster is running there, to be used rather than started.</returns>
    /// <exception cref="InvalidOperationException">The earlier postmaster was still in the way after half a minute.</exception>
    public static async Task<bool> SettleAsync(string dataDirectory, ILogger logger, CancellationToken cancellation)
    {
        var waiting = Stopwatch.StartNew();
        string? toldOf = null;
        while (true)
        {
            var earlier = Read(dataDirectory);
            if (earlier?.State == Activity.Running)
            {
                return true;
            }

            var blocker = earlier switch
            {
                { State: Activity.Exiting } => $"The postmaster of an earlier run (PID {earlier.Pid}) is still exiting",
                { SharedMemoryInUse: true } => $"Processes of an earlier run's postmaster (PID {earlier.Pid}), which has ended, still hold its shared memory",
                _ => null,
            };
            if (blocker is null)
            {
                return false;
            }

            if (waiting.Elapsed >= Patience)
            {
                throw new InvalidOperationException(
                    $"{blocker} after {Patience.TotalSeconds:0} s; start the server again once the old PostgreSQL processes have ended.");
            }

            if (blocker != toldOf)
            {
                logger.LogWarning("{Blocker} ({DataDirectory}); waiting up to {Seconds:0} s before starting PostgreSQL",
                    blocker, dataDirectory, (Patience - waiting.Elapsed).TotalSeconds);
                toldOf = blocker;
            }

            await Task.Delay(50, cancellation);
        }
    }

    /// <summary>The postmaster.pid in <paramref name="dataDirectory"/>, or null when there is none (the cluster was shut down cleanly, or never started).</summary>
    public static EarlierPostmaster? Read(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(file))
        {
            return null; // the usual case, checked first since an exception costs start-up time
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (FileNotFoundException)
        {
            return null; // removed by a postmaster ending just now
        }

        // Lines, as PostgreSQL writes them: PID (negative for a single-user backend), data folder, start time, port, socket
        // folder, listen address, shared memory key and ID, status. A postmaster fills in the later ones as it starts.
        var pid = lines.Length > 0 && int.TryParse(lines[0], CultureInfo.InvariantCulture, out var number) ? Math.Abs(number) : 0;
        var memory = lines.Length > 6 ? lines[6].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return new EarlierPostmaster(
            pid,
            lines.Length > 7 ? lines[7].Trim() : "",
            memory.Length == 2 && long.TryParse(memory[0], CultureInfo.InvariantCulture, out var key) ? key : null,
            memory.Length == 2 && long.TryParse(memory[1], CultureInfo.InvariantCulture, out var id) ? id : null);
    }

    /// <summary>What the postmaster is doing. A file not (yet) readable is taken for a running one, as pg_ctl would.</summary>
    public Activity State => Pid == 0 ? Activity.Running : ProcessState(Pid) switch
    {
        null => Activity.Gone,
        'Z' or 'X' => Activity.Exiting, // dead, its PID held until it is reaped
        _ => Status == "stopping" ? Activity.Exiting : Activity.Running,
    };

    /// <summary>
    /// Whether processes of the postmaster still hold its shared memory (Linux; elsewhere false, and PostgreSQL's own check at
    /// start says so). A backend busy in a query when its postmaster was killed runs on until the query ends.
    /// </summary>
    public bool SharedMemoryInUse
    {
        get
        {
            const string segments = "/proc/sysvipc/shm"; // key shmid perms size cpid lpid nattch ...
            if (SharedMemoryKey is not { } key || SharedMemoryId is not { } id || !File.Exists(segments))
            {
                return false;
            }

            // The kernel prints the key signed, PostgreSQL unsigned: the same 32 bits.
            return File.ReadLines(segments).Skip(1)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(fields => fields.Length > 6
                               && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var k) && unchecked((int)k == (int)key)
                               && fields[1] == id.ToString(CultureInfo.InvariantCulture) && fields[6] != "0");
        }
    }

    // The state letter of /proc/<pid>/stat (R, S, D, Z...), or null when no such process exists. Without /proc a live process
    // reads as running, a zombie included.
    private static char? ProcessState(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return 'S';
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        try
        {
            // "pid (command) S ...": the command may hold spaces and parentheses, so the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end >= 0 && end + 2 < stat.Length ? stat[end + 2] : 'S';
        }
        catch (IOException)
        {
            return null; // no such process, or it ended while we read
        }
    }
}
