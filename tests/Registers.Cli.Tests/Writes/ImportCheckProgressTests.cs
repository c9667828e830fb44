using System.Text;
using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

/// <summary>An import checks every row before it sends any: on a large file that takes a while, and says how far it has read.</summary>
public sealed class ImportCheckProgressTests : IDisposable
{
    private readonly Custodian _custodian = new();

    public void Dispose() => _custodian.Dispose();

    [Fact]
    public void The_check_of_a_large_file_says_how_far_it_has_read_before_it_ends()
    {
        // Some 600 KB, ten pieces of the reader's buffer, with a bad last row: the check reads it all and nothing is sent.
        var rows = new StringBuilder("school,name,start-date\n");
        for (var i = 0; i < 15_000; i++)
        {
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"{100_000 + i},School number {i},1990-09-01\n");
        }

        var csv = _custodian.Folder.File("schools.csv", rows.Append("999999,Last School,not-a-date\n").ToString());

        var run = RegistersCli.Run(_custodian.Environment, TimeSpan.Zero,
            "import", csv, "--definition", _custodian.DefinitionFile, "--key", _custodian.KeyFile, "--server", "http://registers.test", "-r", "school");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.StartsWith("line 15002, field 'start-date'", run.Out, StringComparison.Ordinal);
        var progress = run.Error.Split('\n').Where(line => line.StartsWith("check: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, line => Assert.Matches(@"^check: [\d,]+ lines, \d+% of [\d,]+ bytes$", line));
        Assert.Contains("nothing sent", run.Error, StringComparison.Ordinal);
    }
}
