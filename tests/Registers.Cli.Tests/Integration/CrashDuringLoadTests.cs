using System.Net.Http.Json;
using System.Text.Json;
using Registers.Cli.Tests.Support;
using Registers.Generator;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

public sealed class CrashDuringLoadTests(PostgresCluster cluster)
{
    private const int Entries = 200_000;

    [Fact]
    public async Task A_load_killed_midway_and_run_again_ends_with_every_entry_once_and_the_root_verify_computes()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, Entries);
        var verified = RegistersCli.Run("verify", rsf);
        var fileRoot = verified.Out.Split('\n').Single(line => line.StartsWith("root: ", StringComparison.Ordinal))[6..];

        // The load runs in this process while the server, a process of its own, is killed once some batches have landed.
        var firstRun = Task.Run(() => server.Run(null, "load", "-r", "school", "--batch-size", "10000", rsf));
        var sizeAtKill = await WaitForSizeAsync(server.Address, atLeast: 30_000, firstRun);
        server.Kill();
        var crashed = await firstRun;

        await server.RestartAsync();
        var sizeAfterRestart = await SizeAsync(server.Address);
        var resumed = server.Run(null, "load", "-r", "school", "--batch-size", "10000", rsf);
        var status = server.Run(null, "status", "-r", "school");

        TestContext.Current.TestOutputHelper?.WriteLine($"killed at {sizeAtKill}, {sizeAfterRestart} after restart\n{crashed}\n{resumed}");
        Assert.True(crashed.ExitCode == 3, crashed.ToString());
        Assert.InRange(sizeAtKill, 30_000, Entries - 1);
        Assert.True(sizeAfterRestart is >= 30_000 and < Entries, $"after the restart the register holds {sizeAfterRestart} entries");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"resuming: the register already holds the file's first {sizeAfterRestart:N0} user entries", resumed.Error, StringComparison.Ordinal);
        Assert.Contains($"sent: {Entries - sizeAfterRestart}\n", resumed.Out, StringComparison.Ordinal);
        Assert.Contains($"size: {Entries}\n", status.Out, StringComparison.Ordinal);
        Assert.Contains($"root: {fileRoot}\n", status.Out, StringComparison.Ordinal);
    }

    private static async Task<long> WaitForSizeAsync(string address, long atLeast, Task<CliRun> running)
    {
        for (var attempt = 0; attempt < 1_200 && !running.IsCompleted; attempt++)
        {
            if (await SizeAsync(address) is var size && size >= atLeast)
            {
                return size;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The load never reached {atLeast} entries: {(running.IsCompleted ? (await running).ToString() : "still running")}");
        return 0;
    }

    private static async Task<long> SizeAsync(string address)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var response = await http.GetAsync("registers/school/proof/register/merkle:sha-256");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total-entries").GetInt64() : 0;
    }
}
