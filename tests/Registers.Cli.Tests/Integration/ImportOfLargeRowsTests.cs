using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// An import's batches are cut by the size of their body as well as by their rows: 10,000 rows of a few kilobytes make a
/// body larger than the server takes in one JSON write (16 MiB by default), which it breaks off while it is being sent.
/// </summary>
public sealed class ImportOfLargeRowsTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_import_of_rows_too_large_for_one_write_at_the_default_batch_size_is_sent_in_smaller_batches()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        const int rows = 12_000;
        var csv = server.Folder.File("schools.csv", "school,name\n" + string.Concat(
            Enumerable.Range(1, rows).Select(n => $"{100000 + n},{new string((char)('a' + (n % 26)), 2_000)} School\n")));

        var run = server.Run(null, "import", "-r", "school", csv);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"sent: {rows}\nsize: {rows}\n", run.Out, StringComparison.Ordinal);
        var again = server.Run(null, "import", "-r", "school", csv);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith($"sent: 0\nsize: {rows}\n", again.Out, StringComparison.Ordinal);
    }
}
