using Registers.Cli.Tests.Support;
using Registers.Client;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A server that trickles an answer slower than the client's minimum rate (an RSF download, a consistency proof) held an
/// auditor's command for as long as the trickle lasted: it now ends, the server unavailable (exit 3), saying the answer came
/// too slowly, and nothing of it is kept. The minimum is lowered to 1 KiB a second here, and the request timeout raised past
/// the tests' bound, so that only the rate can end them.
/// </summary>
public sealed class SlowDownloadTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Audit_full_mirror_and_follow_end_an_answer_trickled_slower_than_the_minimum_rate_as_the_server_unavailable()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002", "100003");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        var state = Path.Combine(audited.Server.Folder.Path, "audit");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("audit", "follow", "--once", "--state", state).ExitCode);
        audited.Append("100004");
        var trickle = new Trickle(1, TimeSpan.FromMilliseconds(100));

        proxy.Misbehave = target => target.Contains("/download-rsf/", StringComparison.Ordinal) ? trickle : null;
        var full = await RunAsync(audited, proxy, "audit", "full");
        var mirror = await RunAsync(audited, proxy, "mirror", copy);
        proxy.Misbehave = target => target.Contains("/proof/consistency/", StringComparison.Ordinal) ? trickle : null;
        var follow = await RunAsync(audited, proxy, "audit", "follow", "--once", "--state", state);

        foreach (var run in new[] { full, mirror, follow })
        {
            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("the server's answer came too slowly", run.Error, StringComparison.Ordinal);
            Assert.Contains("slower than 1,024 bytes in 1 s", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("NOT VERIFIED", run.Error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(copy));
        Assert.False(File.Exists(copy + ".next"));
        Assert.False(File.Exists(Path.Combine(state, "school.evidence")));
    }

    /// <summary>Runs a verifying command through <paramref name="proxy"/>, in a task bounded so that a command that never ends fails the test.</summary>
    private static Task<CliRun> RunAsync(AuditedServer audited, MisbehavingProxy proxy, params string[] args)
    {
        var sockets = RegistersCli.Sockets(audited.Server.Folder.Path);
        var environment = sockets with
        {
            ClientOptions = sockets.ClientOptions with { MinDownloadRate = new DownloadRate(1024, TimeSpan.FromSeconds(1)) },
            RequestTimeout = TimeSpan.FromMinutes(10),
        };
        return Task.Run(() => RegistersCli.Run(environment,
                [.. args, "-r", "school", "--key-file", audited.LogKeyFile, "--server", proxy.Address, "--key", audited.Server.AdminKeyFile]))
            .WaitAsync(Bound, TestContext.Current.CancellationToken);
    }
}
