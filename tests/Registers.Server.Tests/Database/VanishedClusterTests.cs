using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Registers.Server.Tests.Hosting;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Database;

/// <summary>
/// A private cluster whose data folder lost its cluster (emptied, or a disk not mounted there) is never made again empty:
/// an empty cluster would serve and sign as if every register were new, the loss hidden as success.
/// </summary>
public sealed class VanishedClusterTests
{
    [Fact]
    public async Task A_cluster_emptied_out_under_a_running_server_is_not_made_again_and_starts_again_once_put_back()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("kills the postmaster by its PID");
            return;
        }

        var folder = ServerExit.NewDataDirectory();
        var data = Path.Combine(folder, "postgres");
        var aside = Path.Combine(folder, "aside");
        try
        {
            using var server = await ServerProcess.StartAsync("", folder);
            using var client = server.NewClient(folder);
            await WriteCountryAsync(client);

            await Signals.SendAsync(PostmasterPid(data), "KILL");
            await WaitUntilStoppedAsync(data);
            MoveEntries(data, aside);

            var answers = await ReadUntilAsync(client, () => server.Output.Contains("no longer holds", StringComparison.Ordinal));
            answers.AddRange(await ReadForAsync(client, TimeSpan.FromSeconds(7))); // past the next attempt to start it again

            Assert.True(server.Output.Contains("no longer holds", StringComparison.Ordinal), server.Output);
            Assert.All(answers, answer => Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), answer));
            Assert.False(File.Exists(Path.Combine(data, "PG_VERSION")), "a new cluster was made in the emptied folder");
            var logged = server.Output.Split('\n').First(line => line.Contains("no longer holds", StringComparison.Ordinal));
            Assert.Equal(1, logged.Split(data).Length - 1); // the folder is named once
            Assert.Contains("crit:", server.Output, StringComparison.Ordinal);

            // Put back, the cluster is started again at a later request, with its register.
            MoveEntries(aside, data);
            var restored = await ReadUntilAsync(client, () => false, stopAt: HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, restored[^1].Status);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/registers/country/records/GB")).StatusCode);
            await server.StopAsync();
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task A_start_on_a_data_folder_whose_cluster_went_missing_while_stopped_is_refused_until_told_to_start_afresh()
    {
        var folder = ServerExit.NewDataDirectory();
        var data = Path.Combine(folder, "postgres");
        try
        {
            using (var first = await ServerProcess.StartAsync("", folder))
            {
                using var client = first.NewClient(folder);
                await WriteCountryAsync(client);
                await first.StopAsync();
            }

            Directory.Delete(data, recursive: true);
            var refused = await ServerExit.RunAsync($"--Registers:DataDirectory={folder}", "--urls=http://127.0.0.1:0");

            var mark = Path.Combine(folder, "cluster-made");
            FailedStartTests.AssertOneLineFailure(refused, "no longer holds", data, "backup", mark);
            Assert.Equal(1, refused.Error.Split(data).Length - 1);
            Assert.False(Directory.Exists(data) && File.Exists(Path.Combine(data, "PG_VERSION")), "a new cluster was made");

            // Deleting the mark says an empty database is meant.
            File.Delete(mark);
            using var afresh = await ServerProcess.StartAsync("", folder);
            using var reader = new HttpClient { BaseAddress = afresh.Address };
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/registers/country")).StatusCode);
            Assert.True(File.Exists(mark), "the new cluster was not marked as made");
            await afresh.StopAsync();
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task A_cluster_made_before_clusters_were_marked_is_marked_at_its_next_start()
    {
        var folder = ServerExit.NewDataDirectory();
        var mark = Path.Combine(folder, "cluster-made");
        try
        {
            using (var first = await ServerProcess.StartAsync("", folder))
            {
                await first.StopAsync();
            }

            File.Delete(mark); // as a server from before the mark left its folder
            using (var again = await ServerProcess.StartAsync("", folder))
            {
                await again.StopAsync();
            }

            Assert.True(File.Exists(mark), "the cluster found was not marked as made");
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    [Fact]
    public async Task A_mark_that_cannot_be_written_stops_the_start_in_one_line_naming_it()
    {
        var folder = ServerExit.NewDataDirectory();
        var mark = Directory.CreateDirectory(Path.Combine(folder, "cluster-made")).FullName;
        try
        {
            var outcome = await ServerExit.RunAsync($"--Registers:DataDirectory={folder}", "--urls=http://127.0.0.1:0");

            FailedStartTests.AssertOneLineFailure(outcome, mark, "Registers:DataDirectory");
            Assert.Equal(1, outcome.Error.Split(mark).Length - 1); // named once, not again by the reason
            if (OperatingSystem.IsLinux())
            {
                Assert.Empty(FolderProcesses.Find(Path.Combine(folder, "postgres"))); // the cluster it started is stopped again
            }
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }

    private static async Task WriteCountryAsync(HttpClient client)
    {
        (await client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB", name = "United Kingdom" } } } }))
            .EnsureSuccessStatusCode();
    }

    private static int PostmasterPid(string data) =>
        int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>Waits (half a minute at most) until nothing works in the cluster's folder: the killed postmaster's backends have ended.</summary>
    private static async Task WaitUntilStoppedAsync(string data)
    {
        for (var waited = 0; waited < 300 && FolderProcesses.Find(data).Count > 0; waited++)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Moves everything in <paramref name="from"/> into <paramref name="to"/>, leaving <paramref name="from"/> empty.</summary>
    private static void MoveEntries(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo subfolder)
            {
                subfolder.MoveTo(target);
            }
            else
            {
                ((FileInfo)entry).MoveTo(target);
            }
        }
    }

    /// <summary>Reads the register list every 250 ms until <paramref name="done"/>, an answer of <paramref name="stopAt"/>, or a minute.</summary>
    private static async Task<List<(HttpStatusCode Status, string? MediaType)>> ReadUntilAsync(HttpClient client, Func<bool> done, HttpStatusCode? stopAt = null)
    {
        var answers = new List<(HttpStatusCode Status, string? MediaType)>();
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !done() && waited.Elapsed < TimeSpan.FromMinutes(1); await Task.Delay(250))
        {
            using var response = await client.GetAsync("/registers");
            answers.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType));
            if (response.StatusCode == stopAt)
            {
                break;
            }
        }

        return answers;
    }

    private static async Task<List<(HttpStatusCode Status, string? MediaType)>> ReadForAsync(HttpClient client, TimeSpan time)
    {
        var until = DateTime.UtcNow + time;
        return await ReadUntilAsync(client, () => DateTime.UtcNow > until);
    }
}
