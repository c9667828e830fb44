using System.Diagnostics;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

/// <summary>
/// A first start stopped while initdb makes the private cluster: nothing of it is left running, and the next start makes the
/// cluster again rather than taking the half-made folder for one.
/// </summary>
public sealed class InterruptedFirstStartTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_first_start_interrupted_during_initdb_leaves_nothing_running_and_the_next_start_succeeds(string signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads which processes are left from /proc");
            return;
        }

        var folder = ServerExit.NewDataDirectory();
        try
        {
            var (exitCode, error) = await InterruptFirstStartAsync(folder, first => Signals.SendAsync(first.Id, signal));

            Assert.Empty(FolderProcesses.Find(folder));
            Assert.Equal(130, exitCode);
            Assert.Equal("The Registers server was stopped before it finished starting.", error.Trim());

            using var second = await ServerProcess.StartAsync("", folder);
            await second.StopAsync();
            Assert.Empty(FolderProcesses.Find(folder));
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task A_first_start_killed_with_its_initdb_leaves_a_folder_the_next_start_makes_the_cluster_in_again()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads which processes are left from /proc");
            return;
        }

        var folder = ServerExit.NewDataDirectory();
        try
        {
            // SIGKILL to the server and everything it started (runuser, initdb, its bootstrap backend): no one cleans up.
            await InterruptFirstStartAsync(folder, first =>
            {
                first.Kill(entireProcessTree: true);
                return Task.CompletedTask;
            });

            using var second = await ServerProcess.StartAsync("", folder);
            await second.StopAsync();
            Assert.Empty(FolderProcesses.Find(folder));
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    /// <summary>
    /// Runs a first start in <paramref name="folder"/> until initdb is under way, then <paramref name="interrupt"/>s it and waits
    /// for it to end; a server still running after a minute fails the test, and is killed with all it started.
    /// </summary>
    private static async Task<(int ExitCode, string Error)> InterruptFirstStartAsync(string folder, Func<Process, Task> interrupt)
    {
        using var first = ServerExit.Start($"--Registers:DataDirectory={folder}", "--urls=http://127.0.0.1:0");
        var error = first.StandardError.ReadToEndAsync();
        _ = first.StandardOutput.ReadToEndAsync();
        try
        {
            await UntilInitdbIsUnderWayAsync(folder, first);
            await interrupt(first);
            await first.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            return (first.ExitCode, await error);
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Waits until initdb has written the cluster's version file, wherever it makes the cluster, and goes on working.</summary>
    private static async Task UntilInitdbIsUnderWayAsync(string folder, Process server)
    {
        var waited = Stopwatch.StartNew();
        while (!HasVersionFile(folder))
        {
            Assert.False(server.HasExited, "the server ended before initdb began");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "initdb did not begin within a minute");
            await Task.Delay(10);
        }
    }

    private static bool HasVersionFile(string folder)
    {
        try
        {
            var look = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 2 };
            return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "PG_VERSION", look).Any();
        }
        catch (IOException)
        {
            return false; // a folder went away while we looked
        }
    }
}
