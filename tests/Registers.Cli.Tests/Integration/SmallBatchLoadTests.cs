using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// The server checks a register's metadata at the end of every load, and each batch is a load of its own: a batch never
/// ends inside a run of system entries, so the name, fields and definition of a register arrive together however small
/// the batches.
/// </summary>
public sealed class SmallBatchLoadTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    public async Task A_file_loaded_strictly_in_batches_smaller_than_its_metadata_loads_whole(string batchSize)
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Checkout.PathOf("registers-data", "country", "country.rsf");

        var run = server.Run(null, "load", "-r", "country", "--batch-size", batchSize, rsf);

        Assert.True(run.ExitCode == 0, run.ToString());
        var root = RegistersCli.Run("verify", rsf).Out.Split('\n').Single(line => line.StartsWith("root: ", StringComparison.Ordinal));
        Assert.Contains(root + "\n", run.Out, StringComparison.Ordinal);
    }
}
