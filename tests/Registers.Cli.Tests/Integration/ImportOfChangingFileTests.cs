using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// An import checks a file and then sends it: a file saved again between its batches is not what was checked, so the
/// import stops before the next batch, says so, and keeps what it sent (a run again on the new file finds those rows
/// unchanged and sends the rest).
/// </summary>
public sealed class ImportOfChangingFileTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_file_changed_between_batches_stops_the_import_before_the_next_one_with_the_batches_sent_kept()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        const string rows = "school,name\n100001,Leeds School\n100002,York School\n100003,Bath School\n100004,Ely School\n100005,Wells School\n100006,Ripon School\n";
        var csv = server.Folder.File("schools.csv", rows);
        void SavedAgain() => File.AppendAllText(csv, "100007,Truro School\n");

        // Saved again while the second batch is on its way: the third is not sent.
        var run = RegistersCli.Run(
            RegistersCli.Sockets(server.Folder.Path) with { HttpHandler = () => new WriteInBetween(2, SavedAgain) },
            "import", "-r", "school", "--batch-size", "2", csv, "--server", server.Address, "--key", server.AdminKeyFile);
        var status = server.Run(null, "status", "-r", "school");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("schools.csv changed while it was being imported", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("size: 4\n", status.Out, StringComparison.Ordinal);

        // Run again on the file as now saved (other bytes, so other batch keys): the rows sent are left out as unchanged.
        var again = RegistersCli.Run(RegistersCli.Sockets(server.Folder.Path),
            "import", "-r", "school", "--batch-size", "2", csv, "--server", server.Address, "--key", server.AdminKeyFile);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("sent: 3\nsize: 7\n", again.Out, StringComparison.Ordinal);
        Assert.Contains("unchanged: 4\n", again.Out, StringComparison.Ordinal);
    }
}
