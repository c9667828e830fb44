using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// An import's rows are records by key, not a log to replay in order: another custodian's write landing between two of its
/// batches (the batch's <c>If-Match</c> size lost the race, 412) is no reason to stop, and the batch goes on top of it.
/// </summary>
public sealed class ImportRaceTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_import_whose_batch_lost_a_race_to_another_write_sends_it_again_on_top_and_finishes()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        var csv = server.Folder.File("schools.csv", "school,name\n100001,Leeds School\n100002,York School\n100003,Bath School\n100004,Ely School\n");
        void OtherCustodian() => Assert.Equal(0, server.Run(null, "append", "-r", "school", "200001", "name=Wells School").ExitCode);

        var run = RegistersCli.Run(
            RegistersCli.Sockets(server.Folder.Path) with { HttpHandler = () => new WriteInBetween(2, OtherCustodian) },
            "import", "-r", "school", "--batch-size", "2", csv, "--server", server.Address, "--key", server.AdminKeyFile);
        var status = server.Run(null, "status", "-r", "school");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("sent: 4\nsize: 5\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("another write reached the register", run.Error, StringComparison.Ordinal);
        Assert.Contains("size: 5\n", status.Out, StringComparison.Ordinal);
    }
}
