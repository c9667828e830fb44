using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// Rows the offline check passes but the server refuses, in a batch after the first: the server numbers the entries of the
/// batch it was sent, and the command must name the line of the CSV instead. Each file starts with a record whose quoted
/// cell spans two lines, so a record's line is not its row number.
/// </summary>
public sealed class ImportRefusalTests(PostgresCluster cluster)
{
    private const string FirstRows = "school,name,start-date\n100001,\"Leeds\nSchool\",1990-09-01\n100002,York School,1990-09-01\n";

    [Fact]
    public async Task A_row_checked_against_a_definition_looser_than_the_servers_is_refused_by_the_server_and_named_by_its_line_of_the_file()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", Custodian.Definition);
        var looser = server.Folder.File("looser.json", Custodian.Definition.Replace("\"start-date\",\"datatype\":\"datetime\"", "\"start-date\",\"datatype\":\"string\"", StringComparison.Ordinal));
        var csv = server.Folder.File("schools.csv", FirstRows + "100003,Bath School,1990-09-01\n100004,Ely School,someday\n100005,Wells School,1990-09-01\n");
        Assert.Equal(0, server.Run(null, "create", definition).ExitCode);

        var run = server.Run(null, "import", "-r", "school", "--definition", looser, "--batch-size", "2", csv);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(run.Error.Contains("\n  line 6, key '100004', field 'start-date': start-date: 'someday' is not a valid datetime", StringComparison.Ordinal), run.ToString());
        Assert.EndsWith("[datatype]\nregisters import: stopped at the first refusal, after 2 of 5 rows in this run; nothing of the refused batch was written\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("entry 1", run.Error, StringComparison.Ordinal);
        Assert.Contains("size: 2\n", server.Run(null, "status", "-r", "school").Out, StringComparison.Ordinal);
    }
}
