using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>A load's and an import's lines count in words a custodian reads: one entry, one row, one batch.</summary>
public sealed class OneOfAThingTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_load_and_an_import_of_one_entry_say_entry_and_row()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var metadata = OneFieldRsf.Write(Path.Combine(server.Folder.Path, "metadata.rsf"), "one", 0);
        var first = OneFieldRsf.Write(Path.Combine(server.Folder.Path, "first.rsf"), "one", 1);
        var csv = server.Folder.File("second.csv", "one\n2\n");
        Assert.Equal(0, server.Run(null, "load", "-r", "one", metadata).ExitCode);

        var load = server.Run(null, "load", "-r", "one", first);
        var import = server.Run(null, "import", "-r", "one", csv);

        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Contains("; 1 entry to send\n", load.Error, StringComparison.Ordinal);
        Assert.Contains("registers load: done: 1 entry in 1 batch in ", load.Error, StringComparison.Ordinal);
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("registers import: done: 1 row sent, 0 unchanged, in ", import.Error, StringComparison.Ordinal);
    }
}
