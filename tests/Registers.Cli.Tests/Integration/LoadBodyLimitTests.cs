using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A server that takes less RSF in one load than the default (its <c>MaxRsfBytes</c> set lower) and does not publish it
/// (one from before it did: <see cref="PublishedWriteLimitsTests"/> for one that does) answers 413 for a batch:
/// the batch goes again in smaller parts, and an entry too large for the server alone is named by its line with the
/// server's limit, the entries before it loaded and the load resumable once the file is fixed.
/// </summary>
public sealed class LoadBodyLimitTests(PostgresCluster cluster)
{
    private static long EntryLine(int n) => SchoolsRsf.EntryLine(n);

    [Fact]
    public async Task Batches_larger_than_a_server_set_lower_takes_are_sent_in_parts_and_a_run_again_sends_nothing()
    {
        await using var server = await ServerTakingLessAsync();
        var rsf = SchoolsFile(server, Enumerable.Range(1, 300).Select(n => new string('a', 1_000)).ToArray()); // some 330 KiB

        var run = server.Run(null, "load", "-r", "school", rsf);
        var again = server.Run(null, "load", "-r", "school", rsf);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("sent: 307\nsize: 300\n", run.Out, StringComparison.Ordinal);
        var root = RegistersCli.Run("verify", rsf).Out.Split('\n').Single(line => line.StartsWith("root: ", StringComparison.Ordinal));
        Assert.Contains(root + "\n", run.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("sent: 0\nsize: 300\n", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_too_large_for_a_server_set_lower_is_named_by_its_line_with_the_servers_limit_and_the_load_resumes_once_it_is_fixed()
    {
        await using var server = await ServerTakingLessAsync();
        string[] Names(string large) => [.. Enumerable.Range(1, 51).Select(n => n == 41 ? large : $"School {n}")];
        var rsf = SchoolsFile(server, Names(new string('a', 100_000)));

        var run = server.Run(null, "load", "-r", "school", rsf);
        var stopped = server.Run(null, "status", "-r", "school");
        var again = server.Run(null, "load", "-r", "school", rsf);
        SchoolsFile(server, Names("Bath School"));
        var fixedRun = server.Run(null, "load", "-r", "school", rsf);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"line {EntryLine(41)}: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("65,536 bytes", run.Error, StringComparison.Ordinal);
        Assert.Contains("size: 40\n", stopped.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains($"line {EntryLine(41)}: ", again.Error, StringComparison.Ordinal);
        Assert.True(fixedRun.ExitCode == 0, fixedRun.ToString());
        Assert.StartsWith("sent: 11\nsize: 51\n", fixedRun.Out, StringComparison.Ordinal);
    }

    /// <summary>A server restarted to take at most 64 KiB of RSF in one load.</summary>
    private async Task<UnpublishedLimitsServer> ServerTakingLessAsync()
    {
        var server = await LiveServer.StartAsync(cluster);
        server.Kill();
        await server.RestartAsync("--Registers:MaxRsfBytes=65536");
        return await UnpublishedLimitsServer.HideAsync(server);
    }

    private static string SchoolsFile(UnpublishedLimitsServer server, string[] names) => SchoolsRsf.Write(server.Folder.Path, names);
}
