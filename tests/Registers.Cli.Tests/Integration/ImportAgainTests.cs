using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>A custodian's usual round: import a spreadsheet, edit some rows, import it again.</summary>
public sealed class ImportAgainTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_spreadsheet_imported_again_after_edits_sends_the_edited_and_new_rows_and_counts_the_rest_unchanged_every_time()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        var first = server.Folder.File("schools.csv", "school,name\n100001,Leeds School\n100002,York School\n100003,Bath School\n");
        var edited = server.Folder.File("schools-edited.csv", "school,name\n100001,Leeds School\n100002,York Minster School\n100003,Bath School\n100004,Ely School\n");

        var imported = server.Run(null, "import", "-r", "school", "--batch-size", "2", first);
        var again = server.Run(null, "import", "-r", "school", "--batch-size", "2", edited);
        var third = server.Run(null, "import", "-r", "school", "--batch-size", "2", edited);
        using var http = new HttpClient();
        var records = await http.GetStringAsync(new Uri(new Uri(server.Address), "/registers/school/records.csv"), TestContext.Current.CancellationToken);

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("sent: 2\nsize: 5\n", again.Out, StringComparison.Ordinal);
        Assert.EndsWith("unchanged: 2\n", again.Out, StringComparison.Ordinal);
        Assert.Contains("registers import: done: 2 rows sent, 2 unchanged, in ", again.Error, StringComparison.Ordinal);
        // Each batch went out shortened the second time: the third finds every row unchanged, and no key reused.
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.StartsWith("sent: 0\nsize: 5\n", third.Out, StringComparison.Ordinal);
        Assert.EndsWith("unchanged: 4\n", third.Out, StringComparison.Ordinal);
        Assert.Contains("100002,York Minster School", records, StringComparison.Ordinal);
        Assert.Contains("100004,Ely School", records, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_an_earlier_run_of_the_same_file_sent_are_not_counted_as_sent_again()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        Assert.Equal(0, server.Run(null, "import", "-r", "school", server.Folder.File("first.csv", "school,name\n100001,Leeds School\n100002,York School\n")).ExitCode);
        // Its first batch is all unchanged, so it sends nothing and leaves no receipt: a run again cannot skip past it
        // by receipts, and sends the second batch again, which the server answers with the earlier run's receipt.
        var grown = server.Folder.File("grown.csv", "school,name\n100001,Leeds School\n100002,York School\n100005,Wells School\n100006,Ely School\n");

        var once = server.Run(null, "import", "-r", "school", "--batch-size", "2", grown);
        var twice = server.Run(null, "import", "-r", "school", "--batch-size", "2", grown);

        Assert.True(once.ExitCode == 0, once.ToString());
        Assert.StartsWith("sent: 2\nsize: 4\n", once.Out, StringComparison.Ordinal);
        Assert.True(twice.ExitCode == 0, twice.ToString());
        Assert.StartsWith("sent: 0\nsize: 4\n", twice.Out, StringComparison.Ordinal);
        Assert.Contains("done: 0 rows sent, 2 unchanged, 2 sent by an earlier run, in ", twice.Error, StringComparison.Ordinal);
    }
}
