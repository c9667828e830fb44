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
/// After a restart of the machine or container, though, the file of a postmaster killed with it may name a PID some unrelated
/// process has since: that file is stale, and is deleted.
/// </summary>
internal sealed record EarlierPostmaster(int Pid, long? Started, string Status, long? SharedMemoryKey, long? SharedMemoryId)
{
    // A postmaster killed with the server is reaped within a second or two; one shutting down takes as long as its checkpoint.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // A postmaster takes the start time it writes just after its process began; that time and the boot time are whole seconds.
    private static readonly TimeSpan Rounding = TimeSpan.FromSeconds(2);

    /// <summary>What the postmaster is doing.</summary>
    public enum Activity
    {
        /// <summary>Alive: ready, or starting (recovering after a crash, say).</summary>
        Running,

        /// <summary>Shutting down, or dead but not yet reaped.</summary>
        Exiting,

        /// <summary>No process has its PID: the file is stale, which PostgreSQL itself sees and replaces.</summary>
        Gone,

        /// <summary>
        /// Gone, its PID since taken by another process: the file is stale, but PostgreSQL, asking only whether the PID answers a
        /// signal, would not start beside it (and pg_ctl would signal that process).
        /// </summary>
        Reused,
    }

    /// <summary>
    /// Waits, up to half a minute and saying so, until no postmaster of an earlier run is on its way out of the cluster in
    /// <paramref name="dataDirectory"/>, nor any of its processes still holds the cluster's shared memory; then deletes a
    /// postmaster.pid whose PID another process has taken since.
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
            var (state, process) = earlier?.Observe() ?? (Activity.Gone, null);
            if (state == Activity.Running)
            {
                return true;
            }

            var blocker = (state, earlier) switch
            {
                (Activity.Exiting, { } postmaster) => $"The postmaster of an earlier run (PID {postmaster.Pid}) is still exiting",
                (_, { SharedMemoryInUse: true } postmaster) => $"Processes of an earlier run's postmaster (PID {postmaster.Pid}), which has ended, still hold its shared memory",
                _ => null,
            };
            if (blocker is null)
            {
                if (state == Activity.Reused && earlier is not null && process is not null)
                {
                    earlier.Delete(dataDirectory, process, logger);
                }

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
            lines.Length > 2 && long.TryParse(lines[2], CultureInfo.InvariantCulture, out var started) ? started : null,
            lines.Length > 7 ? lines[7].Trim() : "",
            memory.Length == 2 && long.TryParse(memory[0], CultureInfo.InvariantCulture, out var key) ? key : null,
            memory.Length == 2 && long.TryParse(memory[1], CultureInfo.InvariantCulture, out var id) ? id : null);
    }

    /// <summary>What the postmaster is doing. A file not (yet) readable is taken for a running one, as pg_ctl would.</summary>
    public Activity State => Observe().State;

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

    /// <summary>What the postmaster is doing, and the process that has its PID now (Linux; null elsewhere, or when none has).</summary>
    private (Activity State, LinuxProcess? Process) Observe()
    {
        if (Pid == 0)
        {
            return (Activity.Running, null);
        }

        if (!OperatingSystem.IsLinux())
        {
            return (IsAlive(Pid) ? RunningOrStopping : Activity.Gone, null);
        }

        var process = LinuxProcess.Read(Pid);
        return (process switch
        {
            null => Activity.Gone,
            _ when IsNotThePostmaster(process) => Activity.Reused,
            { State: 'Z' or 'X' } => Activity.Exiting, // dead, its PID held until it is reaped
            _ => RunningOrStopping,
        }, process);
    }

    private Activity RunningOrStopping => Status == "stopping" ? Activity.Exiting : Activity.Running;

    /// <summary>
    /// Whether <paramref name="process"/>, which has the file's PID, is certainly not the postmaster that wrote the file: it
    /// started clearly after the start the file records, and it runs no postgres. Either alone could mislead: a clock set
    /// forward since the postmaster started makes it look younger than its file (a paused virtual machine, a clock first set
    /// after boot), and any program may be called postgres. Without /proc's start time, this cannot be told, and is not.
    /// </summary>
    private bool IsNotThePostmaster(LinuxProcess process) =>
        Started is { } recorded && process.Started is { } started
        && started > DateTimeOffset.FromUnixTimeSeconds(recorded) + Rounding
        && process.Program != "postgres"; // what pg_ctl runs, whatever title the postmaster and its children show

    /// <summary>Deletes the stale file, unless it has changed since it was read, so that PostgreSQL can start.</summary>
    private void Delete(string dataDirectory, LinuxProcess process, ILogger logger)
    {
        if (Read(dataDirectory) != this)
        {
            return; // a postmaster has just written its own, or removed this one
        }

        logger.LogWarning(
            "The postmaster.pid in {DataDirectory} names PID {Pid}, now a process of {Program} started at {ProcessStarted:u}, after the " +
            "postmaster the file records ({PostmasterStarted:u}): the file was left by a postmaster that ended without removing it, " +
            "as on a restart of the machine or container. Deleting it so that PostgreSQL can start; that process is left alone",
            dataDirectory, Pid, process.Program, process.Started, DateTimeOffset.FromUnixTimeSeconds(Started ?? 0));
        File.Delete(Path.Combine(dataDirectory, "postmaster.pid"));
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
