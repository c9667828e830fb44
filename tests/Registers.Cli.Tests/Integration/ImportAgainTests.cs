using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>A custodian's usual round: import a spreadsheet, edit some rows, import it again.</summary>
public sealed class ImportAgainTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_spreadsheet_imported_again_after_edits_sends_the_edited_and_new_rows_and_counts_the_rest_unchanged()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        var first = server.Folder.File("schools.csv", "school,name\n100001,Leeds School\n100002,York School\n100003,Bath School\n");
        var edited = server.Folder.File("schools-edited.csv", "school,name\n100001,Leeds School\n100002,York Minster School\n100003,Bath School\n100004,Ely School\n");

        var imported = server.Run(null, "import", "-r", "school", "--batch-size", "2", first);
        var again = server.Run(null, "import", "-r", "school", "--batch-size", "2", edited);
        using var http = new HttpClient();
        var records = await http.GetStringAsync(new Uri(new Uri(server.Address), "/registers/school/records.csv"), TestContext.Current.CancellationToken);

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("sent: 2\nsize: 5\n", again.Out, StringComparison.Ordinal);
        Assert.EndsWith("unchanged: 2\n", again.Out, StringComparison.Ordinal);
        Assert.Contains("registers import: done: 2 rows sent, 2 unchanged, in ", again.Error, StringComparison.Ordinal);
        Assert.Contains("100002,York Minster School", records, StringComparison.Ordinal);
        Assert.Contains("100004,Ely School", records, StringComparison.Ordinal);
    }
}
