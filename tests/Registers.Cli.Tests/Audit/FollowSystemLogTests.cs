using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// <c>audit follow</c> follows a register's metadata (its system log: fields, custodian keys) as it follows its entries:
/// a server that rewrote the metadata it had signed, to show a revoked key as never allowed say, is caught.
/// </summary>
public sealed class FollowSystemLogTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Audit_follow_accepts_metadata_that_grew_and_stops_at_a_rewritten_system_log_with_the_evidence()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");

        var first = audited.Verify("audit", "follow", "--once", "--state", state);
        audited.AllowCustodianKey("alice");
        audited.AllowCustodianKey("carol"); // a system log of 9 entries: the proof from it reads the leaves the rewrite alters
        var grown = audited.Verify("audit", "follow", "--once", "--state", state);
        await audited.RewriteSecondLeafAsync(log: 1);
        audited.AllowCustodianKey("bob");
        var forked = audited.Verify("audit", "follow", "--once", "--state", state);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("school: first checkpoint 1 (root sha-256:", first.Out, StringComparison.Ordinal);
        Assert.Matches(@"school: system log: first checkpoint \d+ \(root sha-256:[0-9a-f]{64}\), trusted on its signature\n", first.Out);
        Assert.True(grown.ExitCode == 0, grown.ToString());
        Assert.Contains("school: checkpoint 1 (root sha-256:", grown.Out, StringComparison.Ordinal);
        Assert.Matches(@"school: system log: checkpoint \d+ \(root sha-256:[0-9a-f]{64}\), consistent with checkpoint \d+\n", grown.Out);
        Assert.True(forked.ExitCode == 1, forked.ToString());
        Assert.Contains("  trusted checkpoint:\n    registers.test/registers/school/system\n", forked.Out, StringComparison.Ordinal);
        Assert.Contains($"the evidence is kept in {Path.Combine(state, "school.system.evidence")}", forked.Error, StringComparison.Ordinal);
        Assert.Equal(forked.Out[forked.Out.IndexOf("  trusted checkpoint:", StringComparison.Ordinal)..], TrustedOnward(File.ReadAllText(Path.Combine(state, "school.system.evidence"))));
        Assert.Contains("registers.test/registers/school\n1\n", File.ReadAllText(Path.Combine(state, "school.checkpoint")), StringComparison.Ordinal);
    }

    private static string TrustedOnward(string evidence) => evidence[evidence.IndexOf("  trusted checkpoint:", StringComparison.Ordinal)..];
}
