using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>A definition the server refuses is reported with each of its problems said once.</summary>
public sealed class CreateRefusalTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_refused_definition_says_each_problem_once()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("bad.json", """{"name":"Bad Name","fields":[{"field":"Bad Name","datatype":"string","cardinality":"1"}]}""");

        var run = server.Run(null, "create", definition);

        Assert.True(run.ExitCode == 1, run.ToString());
        const string Problem = "name 'Bad Name' must be lower-case letters, digits and hyphens, starting with a letter";
        Assert.Contains("the server refused: 400 Invalid request:\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.Error.Split(Problem).Length);
    }
}
