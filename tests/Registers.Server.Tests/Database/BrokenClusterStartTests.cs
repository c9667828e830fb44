using Registers.Server.Tests.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

/// <summary>
/// A private cluster whose data folder PostgreSQL will not start from is said in one line: that it would not start, the
/// log to read, and what PostgreSQL last said there about this start (not pg_ctl's chatter, nor an earlier run's lines).
/// </summary>
public sealed class BrokenClusterStartTests
{
    [Fact]
    public async Task A_postgresql_conf_PostgreSQL_cannot_read_is_said_in_one_line_naming_the_log_and_its_last_fatal_line()
    {
        await WithBrokenClusterAsync(
            data => File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), "this is not a setting\n"),
            "FATAL: configuration file", "contains errors");
    }

    [Fact]
    public async Task A_data_folder_of_another_PostgreSQL_version_is_said_in_one_line_naming_the_log_and_its_last_fatal_line()
    {
        await WithBrokenClusterAsync(
            data => File.WriteAllTextAsync(Path.Combine(data, "PG_VERSION"), "9\n"),
            "FATAL: database files are incompatible with server", "initialized by PostgreSQL version 9");
    }

    /// <summary>Makes a private cluster with a first start, breaks it with <paramref name="breakIt"/>, and starts the server on it again.</summary>
    private static async Task WithBrokenClusterAsync(Func<string, Task> breakIt, params string[] saying)
    {
        var folder = ServerExit.NewDataDirectory();
        try
        {
            using (var first = await ServerProcess.StartAsync("", folder))
            {
                await first.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
            }

            var data = Path.Combine(folder, "postgres");
            await breakIt(data);

            var outcome = await ServerExit.RunAsync($"--Registers:DataDirectory={folder}", "--urls=http://127.0.0.1:0");

            FailedStartTests.AssertOneLineFailure(outcome, ["would not start", $"its log, {Path.Combine(data, "server.log")}", .. saying]);
            Assert.DoesNotContain("pg_ctl", outcome.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("shut down", outcome.Error, StringComparison.Ordinal); // the first run's stop, earlier in the log
        }
        finally
        {
            await PrivateClusterFolder.DeleteAsync(folder);
        }
    }
}
