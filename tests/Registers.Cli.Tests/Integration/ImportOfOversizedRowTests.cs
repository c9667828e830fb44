using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A row whose entry alone makes a body larger than the server takes in one JSON write (16 MiB by default) cannot be sent
/// in any batch: it is a problem of that row, named by its line before anything is sent, not the server's bare 413 after
/// the rows before it were written. The body is counted to the byte it would be sent as: a row that comes to exactly the
/// limit is sent.
/// </summary>
public sealed class ImportOfOversizedRowTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_row_too_large_for_one_write_is_a_problem_of_its_line_and_nothing_is_sent()
    {
        await using var server = await RegisterAsync();
        var csv = server.Folder.File("schools.csv",
            "school,name\n100001,Leeds School\n100002," + new string('a', 16 * 1024 * 1024) + "\n100003,York School\n");

        var run = server.Run(null, "import", "-r", "school", csv);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(run.Out.StartsWith("line 3: ", StringComparison.Ordinal) && run.Out.Contains("16 MiB", StringComparison.Ordinal), run.ToString());
        Assert.Contains("registers import: nothing sent: 1 problem in 1 line of", run.Error, StringComparison.Ordinal);
        Assert.Contains("size: 0\n", server.Run(null, "status", "-r", "school").Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_whose_body_comes_to_exactly_the_default_limit_is_sent()
    {
        await using var server = await RegisterAsync();
        // {"entries":[{"key":"100002","item":{"name":"…","school":"100002"}}]} is 67 bytes besides the name.
        var csv = server.Folder.File("schools.csv",
            "school,name\n100001,Leeds School\n100002," + new string('a', (16 * 1024 * 1024) - 67) + "\n100003,York School\n");

        var run = server.Run(null, "import", "-r", "school", csv);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("sent: 3\nsize: 3\n", run.Out, StringComparison.Ordinal);
    }

    private async Task<LiveServer> RegisterAsync()
    {
        var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        return server;
    }
}
