using System.Net;
using Npgsql;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

/// <summary>
/// A supervisor starting the server again right after it went down with its private cluster: the new start meets the old
/// postmaster still on its way out, and waits for it rather than taking it for a cluster to use or failing beside it.
/// </summary>
public sealed class CrashRestartClusterTests
{
    [Fact]
    public async Task A_start_right_after_the_server_and_its_postmaster_were_killed_waits_for_the_old_cluster_to_end_and_starts()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads which processes are left from /proc");
            return;
        }

        var folder = ServerExit.NewDataDirectory();
        var hold = Path.Combine(folder, "hold");
        NpgsqlConnection? session = null;
        var busy = Task.CompletedTask;
        try
        {
            using (var first = await ServerProcess.StartAsync("", folder))
            {
                var postmaster = Postmaster.Of(folder);

                // A session busy in a loop when its postmaster dies runs on, attached to the old shared memory, until the loop
                // ends: here once the test deletes a file. The loop never sleeps, since a sleeping backend notices the death.
                await File.WriteAllTextAsync(hold, "");
                session = await postmaster.OpenSessionAsync();
                busy = RunAsync(session, $"DO $$ BEGIN WHILE (pg_stat_file('{hold}', true)).size IS NOT NULL LOOP END LOOP; END $$");
                await Task.Delay(300);

                first.Kill();
                await Signals.SendAsync(postmaster.Pid, "KILL");
            }

            using var second = ServerProcess.Launch("", folder);
            Assert.True(await second.PrintsAsync("waiting up to"), "the new start did not wait for the old postmaster:\n" + second.Output);
            File.Delete(hold);
            await second.WaitUntilAnswersAsync();

            await second.StopAsync();
            Assert.Empty(FolderProcesses.Find(folder));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                File.Delete(hold); // ends the loop, if a failure left it running
            }

            await busy.ContinueWith(_ => { }, TaskScheduler.Default); // it ends, one way or the other, with its backend
            session?.Dispose();
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task A_start_while_the_old_postmaster_is_still_shutting_down_waits_for_it_to_end_and_starts()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads which processes are left from /proc");
            return;
        }

        var folder = ServerExit.NewDataDirectory();
        NpgsqlConnection? session = null;
        try
        {
            using (var first = await ServerProcess.StartAsync("", folder))
            {
                var postmaster = Postmaster.Of(folder);
                session = await postmaster.OpenSessionAsync();
                first.Kill();

                // SIGTERM asks for a smart shutdown: the postmaster refuses new sessions and ends once the open one closes.
                await Signals.SendAsync(postmaster.Pid, "TERM");
                while (Postmaster.Of(folder).Status != "stopping")
                {
                    await Task.Delay(20);
                }
            }

            using var second = ServerProcess.Launch("", folder);
            Assert.True(await second.PrintsAsync("waiting up to"), "the new start did not wait for the old postmaster:\n" + second.Output);
            await session.DisposeAsync();
            await second.WaitUntilAnswersAsync();

            await second.StopAsync();
            Assert.Empty(FolderProcesses.Find(folder));
        }
        finally
        {
            session?.Dispose();
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task A_private_postmaster_killed_under_a_running_server_is_started_again_when_a_request_finds_it_gone()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads which processes are left from /proc");
            return;
        }

        var folder = ServerExit.NewDataDirectory();
        try
        {
            using var server = await ServerProcess.StartAsync("", folder);
            using var client = new HttpClient { BaseAddress = server.Address };
            var killed = Postmaster.Of(folder).Pid;
            await Signals.SendAsync(killed, "KILL");

            var statuses = await ReadUntilAsync(client, answered => answered.LastOrDefault() == HttpStatusCode.OK);

            Assert.True(statuses[^1] == HttpStatusCode.OK, $"answered {string.Join(", ", statuses.Distinct())} for a minute:\n{server.Output}");
            Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
            Assert.True(await server.PrintsAsync("has stopped; starting it again"), server.Output);
            Assert.NotEqual(killed, Postmaster.Of(folder).Pid);
            await server.StopAsync();
            Assert.Empty(FolderProcesses.Find(folder));
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task A_private_cluster_that_cannot_be_started_again_is_logged_as_such_and_reads_stay_503()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads which processes are left from /proc");
            return;
        }

        var folder = ServerExit.NewDataDirectory();
        try
        {
            using var server = await ServerProcess.StartAsync("", folder);
            using var client = new HttpClient { BaseAddress = server.Address };
            await Signals.SendAsync(Postmaster.Of(folder).Pid, "KILL");

            // A configuration file PostgreSQL cannot read keeps it from starting.
            await File.AppendAllTextAsync(Path.Combine(folder, "postgres", "postgresql.conf"), "this is not a setting\n");
            var statuses = await ReadUntilAsync(client, _ => server.Output.Contains("could not be started again", StringComparison.Ordinal));

            Assert.True(await server.PrintsAsync("could not be started again"), server.Output);
            Assert.Contains("contains errors", server.Output, StringComparison.Ordinal);
            Assert.All(statuses, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
            await server.StopAsync();
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    /// <summary>Reads the register list every 250 ms until <paramref name="done"/> says so of the statuses so far, or a minute passes.</summary>
    private static async Task<List<HttpStatusCode>> ReadUntilAsync(HttpClient client, Func<IReadOnlyList<HttpStatusCode>, bool> done)
    {
        var statuses = new List<HttpStatusCode>();
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !done(statuses) && waited.Elapsed < TimeSpan.FromMinutes(1); await Task.Delay(250))
        {
            using var response = await client.GetAsync("/registers");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task RunAsync(NpgsqlConnection session, string sql)
    {
        await using var command = new NpgsqlCommand(sql, session);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The private cluster's postmaster as its postmaster.pid names it: PID, socket folder and status.</summary>
    private sealed record Postmaster(int Pid, string SocketDirectory, string Status)
    {
        public static Postmaster Of(string dataFolder)
        {
            var lines = File.ReadAllLines(Path.Combine(dataFolder, "postgres", "postmaster.pid"));
            return new Postmaster(int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture), lines[4], lines.Length > 7 ? lines[7].Trim() : "");
        }

        public async Task<NpgsqlConnection> OpenSessionAsync()
        {
            var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
            {
                Host = SocketDirectory,
                Port = 5432,
                Username = "postgres",
                Database = "postgres",
                Pooling = false,
            }.ConnectionString);
            await session.OpenAsync();
            return session;
        }
    }
}
