using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Registers.Server.Database;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

/// <summary>
/// A start after a machine or container restart, whose postmaster.pid was left by a postmaster killed with it: the PID it
/// names may belong by now to an unrelated process. That process is not taken for the cluster's postmaster, nor touched.
/// </summary>
public sealed class StalePostmasterPidTests
{
    [Fact]
    public async Task A_start_whose_stale_postmaster_pid_names_an_unrelated_process_started_since_starts_and_leaves_that_process_alone()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads processes' start times from /proc");
            return;
        }

        var folder = ServerExit.NewDataDirectory();
        Process? unrelated = null;
        try
        {
            var left = await PidFileOfAStoppedClusterAsync(folder);
            await UntilClearlyAfterAsync(left);

            unrelated = StartUnrelated("sleep");
            await File.WriteAllLinesAsync(PidFile(folder), [unrelated.Id.ToString(CultureInfo.InvariantCulture), .. left.Skip(1)]);

            using var server = ServerProcess.Launch("", folder);
            await server.WaitUntilAnswersAsync();

            Assert.Contains($"PID {unrelated.Id}", server.Output, StringComparison.Ordinal); // the warning names it
            Assert.False(unrelated.HasExited, "the unrelated process was ended");
            await server.StopAsync();
            Assert.Empty(FolderProcesses.Find(folder));
            Assert.False(unrelated.HasExited, "the unrelated process was ended");
        }
        finally
        {
            End(unrelated);
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task Only_a_process_started_clearly_after_the_recorded_start_and_running_no_postgres_is_taken_for_a_reused_pid()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads processes' start times from /proc");
            return;
        }

        var folder = Directory.CreateDirectory(ServerExit.NewDataDirectory()).FullName;
        var data = Path.Combine(folder, "postgres");
        var unrelated = new List<Process>();
        try
        {
            unrelated.Add(StartUnrelated("sleep"));
            string[] left;
            await using (var cluster = await EmbeddedPostgres.StartAsync(data, stopOnDispose: true, durable: false, NullLogger.Instance))
            {
                left = await File.ReadAllLinesAsync(PidFile(folder));
            }

            await UntilClearlyAfterAsync(left);
            unrelated.Add(StartUnrelated("sleep"));

            // Any program may be called postgres: here sleep, under that name.
            var postgres = Path.Combine(folder, "postgres-named", "postgres");
            Directory.CreateDirectory(Path.GetDirectoryName(postgres)!);
            File.CreateSymbolicLink(postgres, FindProgram("sleep"));
            unrelated.Add(StartUnrelated(postgres));

            var states = new List<EarlierPostmaster.Activity>();
            foreach (var process in unrelated)
            {
                await File.WriteAllLinesAsync(PidFile(folder), [process.Id.ToString(CultureInfo.InvariantCulture), .. left.Skip(1)]);
                states.Add(EarlierPostmaster.Read(data)!.State);
            }

            Assert.Equal(
                [EarlierPostmaster.Activity.Running, EarlierPostmaster.Activity.Reused, EarlierPostmaster.Activity.Running],
                states); // started before the postmaster; after it; after it, but a postgres
        }
        finally
        {
            unrelated.ForEach(End);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Runs the server on a new private cluster in <paramref name="folder"/> until it answers, keeps the postmaster.pid the
    /// running cluster wrote, as a killed postmaster would have left it, and stops the server and its cluster.
    /// </summary>
    private static async Task<string[]> PidFileOfAStoppedClusterAsync(string folder)
    {
        using var first = await ServerProcess.StartAsync("", folder);
        var lines = await File.ReadAllLinesAsync(PidFile(folder));
        await first.StopAsync();
        Assert.False(File.Exists(PidFile(folder)), "the cluster was not stopped");
        return lines;
    }

    /// <summary>Waits until a process started now starts clearly after the postmaster that wrote <paramref name="pidFile"/>.</summary>
    private static async Task UntilClearlyAfterAsync(string[] pidFile)
    {
        var started = long.Parse(pidFile[2], CultureInfo.InvariantCulture); // line 3: the postmaster's start, in Unix seconds
        while (DateTimeOffset.UtcNow.ToUnixTimeSeconds() < started + 4)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Starts <paramref name="program"/> (sleeping a minute) as a process of the user the cluster runs as: PostgreSQL's own check
    /// (does the PID answer a signal?) would then see it alive, as it would a process of the cluster's user after a restart.
    /// </summary>
    private static Process StartUnrelated(string program)
    {
        // With its signals at their defaults, as a shell would start it: one sent to it by mistake would end it.
        string[] command = ["env", "--default-signal", program, "60"];
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", .. command])
            : new ProcessStartInfo(command[0], command[1..]);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");

        // setpriv and env each run the next program in their own place: wait until the last one runs.
        var waited = Stopwatch.StartNew();
        while (File.ReadAllText($"/proc/{process.Id}/comm").Trim() != Path.GetFileName(program))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"{program} did not start");
            Thread.Sleep(10);
        }

        return process;
    }

    private static void End(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
    }

    private static string FindProgram(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(folder => Path.Combine(folder, name)).First(File.Exists);

    private static string PidFile(string folder) => Path.Combine(folder, "postgres", "postmaster.pid");
}
