using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A server that takes less in one write than the default (its <c>MaxBodyBytes</c> set lower) and does not publish it
/// (one from before it did: <see cref="PublishedWriteLimitsTests"/> for one that does) answers 413 for a batch:
/// the batch goes again in smaller parts, and a row too large for the server alone is named by its line with the server's
/// limit, the rows before it written and the import resumable.
/// </summary>
public sealed class ImportBodyLimitTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Batches_larger_than_a_server_set_lower_takes_are_sent_in_parts_and_a_run_again_sends_nothing()
    {
        await using var server = await RegisterOnServerTakingLessAsync();
        const int rows = 300; // of some 1 KiB each: a batch of 300 KiB
        var csv = server.Folder.File("schools.csv", "school,name\n" + string.Concat(
            Enumerable.Range(1, rows).Select(n => $"{100000 + n},{new string('a', 1_000)} School\n")));

        var run = server.Run(null, "import", "-r", "school", csv);
        var again = server.Run(null, "import", "-r", "school", csv);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"sent: {rows}\nsize: {rows}\n", run.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith($"sent: 0\nsize: {rows}\n", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_too_large_for_a_server_set_lower_is_named_with_the_servers_limit_and_the_import_resumes_once_it_is_fixed()
    {
        await using var server = await RegisterOnServerTakingLessAsync();
        string Rows(string large) => "school,name\n" + string.Concat(Enumerable.Range(1, 40).Select(n => $"{100000 + n},School {n}\n"))
            + $"100041,{large}\n" + string.Concat(Enumerable.Range(42, 10).Select(n => $"{100000 + n},School {n}\n"));
        var csv = server.Folder.File("schools.csv", Rows(new string('a', 100_000)));

        var run = server.Run(null, "import", "-r", "school", csv);
        var stopped = server.Run(null, "status", "-r", "school");
        var again = server.Run(null, "import", "-r", "school", csv);
        File.WriteAllText(csv, Rows("Bath School"));
        var fixedRun = server.Run(null, "import", "-r", "school", csv);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("line 42: ", run.ToString(), StringComparison.Ordinal);
        Assert.Contains("65,536 bytes", run.ToString(), StringComparison.Ordinal);
        Assert.Contains("size: 40\n", stopped.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("line 42: ", again.ToString(), StringComparison.Ordinal);
        Assert.True(fixedRun.ExitCode == 0, fixedRun.ToString());
        Assert.StartsWith("sent: 11\nsize: 51\n", fixedRun.Out, StringComparison.Ordinal);
        Assert.EndsWith("unchanged: 40\n", fixedRun.Out, StringComparison.Ordinal);
    }

    /// <summary>A server with register <c>school</c>, restarted to take at most 64 KiB in one write.</summary>
    private async Task<UnpublishedLimitsServer> RegisterOnServerTakingLessAsync()
    {
        var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        server.Kill();
        await server.RestartAsync("--Registers:MaxBodyBytes=65536");
        return await UnpublishedLimitsServer.HideAsync(server);
    }
}
