using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A create whose answer is lost after the server made the register is tried again under the same idempotency key, so the
/// custodian is told of the create that happened (its first receipt), not refused with 409 for the register it just made.
/// </summary>
public sealed class LostCreateAnswerTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_create_whose_answer_was_lost_reports_the_register_it_made()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", Custodian.Definition);

        var run = CreateLosing(server, 1, definition);

        Assert.True(run.ExitCode == 0, run.ToString());
        AssertCreatedOnce(server, run);
    }

    [Fact]
    public async Task A_create_run_again_after_its_answers_were_lost_reports_the_register_it_made()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var definition = server.Folder.File("school.json", Custodian.Definition);

        // Every try of the first run loses its answer: the custodian is told to run the command again, and does.
        var lost = CreateLosing(server, int.MaxValue, definition);
        var again = server.Run(null, "create", definition);

        Assert.True(lost.ExitCode == 3, lost.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        AssertCreatedOnce(server, again);
    }

    /// <summary>The run reported the create, and the register holds the system entries of one create, as its receipt said.</summary>
    private static void AssertCreatedOnce(LiveServer server, CliRun run)
    {
        Assert.Contains("created: school\n", run.Out, StringComparison.Ordinal);
        var entries = run.Out.Split('\n').Single(line => line.StartsWith("system entries: ", StringComparison.Ordinal))["system entries: ".Length..];
        Assert.Contains($"system size: {entries}\n", server.Run(null, "status", "-r", "school").Out, StringComparison.Ordinal);
    }

    private static CliRun CreateLosing(LiveServer server, int writesToLose, string definition) =>
        RegistersCli.Run(
            RegistersCli.Sockets(server.Folder.Path) with { HttpHandler = () => new LostAnswers(writesToLose) },
            "create", definition, "--server", server.Address, "--key", server.AdminKeyFile);
}
