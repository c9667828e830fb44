using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// Two runs of <c>mirror</c> on one copy at once (a scheduled run overlapping a slow one) wrote <c>FILE.next</c> over each
/// other: one failed on a file "used by another process", the other on a <c>FILE.next</c> the first had deleted, and a
/// run that extended a copy the other had just replaced would take its own mistake for the server's. They now take turns.
/// </summary>
public sealed class ConcurrentMirrorTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Two_mirrors_of_one_copy_at_once_take_turns_and_both_end_verified()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        audited.Append("100003");

        var runs = await Task.WhenAll(
            Task.Run(() => audited.VerifyThrough(new SlowDownloads(), "mirror", copy)),
            Task.Run(() => audited.VerifyThrough(new SlowDownloads(), "mirror", copy)));
        var offline = RegistersCli.Run("verify", copy);

        foreach (var run in runs)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        var results = string.Join("", runs.Select(run => run.Out));
        Assert.Contains("holds 3 entries (+1), verified against checkpoint 3", results, StringComparison.Ordinal);
        Assert.Contains("is up to date at checkpoint 3", results, StringComparison.Ordinal);
        Assert.Contains("waiting for another mirror of", string.Join("", runs.Select(run => run.Error)), StringComparison.Ordinal);
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Contains("user entries: 3\n", offline.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(copy + ".next"));
    }

    /// <summary>Holds every download's answer a moment, so that two runs overlap.</summary>
    private sealed class SlowDownloads : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.Contains("/download-rsf", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }

            return response;
        }
    }
}
