using System.Text.RegularExpressions;
using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>The auditor's commands against the real server: an honest log passes; a tampered one is caught with the evidence printed.</summary>
public sealed partial class AuditTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Verify_record_prints_the_record_and_the_checkpoint_and_refuses_an_altered_item_with_the_evidence()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");

        var verified = audited.Verify("verify-record", "100001");
        await audited.ExecuteSqlAsync("""UPDATE registers.items SET content = '{"name":"Evil School","school":"100001"}' WHERE content LIKE '%100001%'""");
        var refused = audited.Verify("verify-record", "100001");
        var noKey = audited.Server.Run(null, "verify-record", "-r", "school", "100001");
        var emptyKey = audited.Verify("verify-record", "");

        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("entry: 1\n", verified.Out, StringComparison.Ordinal);
        Assert.Contains("item: {\"name\":\"School 100001\",\"school\":\"100001\"}\n", verified.Out, StringComparison.Ordinal);
        Assert.Matches(@"verified against checkpoint 2 \(root sha-256:[0-9a-f]{64}\)\n", verified.Out);
        Assert.Contains("entry 1 is proved to be in the log; that it is the latest of '100001' is the server's word", verified.Error, StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("NOT VERIFIED", refused.Error, StringComparison.Ordinal);
        Assert.Matches(@"expected: sha-256:[0-9a-f]{64}\n", refused.Out);
        Assert.Contains("Evil School", refused.Out, StringComparison.Ordinal);
        Assert.Equal(2, noKey.ExitCode);
        Assert.True(emptyKey.ExitCode == 2, emptyKey.ToString());
        Assert.Contains("<KEY> must not be empty", emptyKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_follow_accepts_a_growing_log_across_runs_and_stops_at_a_rewritten_one_with_both_checkpoints_and_the_proof()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");

        var first = audited.Verify("audit", "follow", "--once", "--state", state);
        audited.Append("100003");
        var grown = audited.Verify("audit", "follow", "--once", "--state", state);
        await audited.RewriteSecondLeafAsync();
        audited.Append("100004");
        var forked = audited.Verify("audit", "follow", "--once", "--state", state);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("school: first checkpoint 2 (root sha-256:", first.Out, StringComparison.Ordinal);
        Assert.True(grown.ExitCode == 0, grown.ToString());
        Assert.Contains("), consistent with checkpoint 2\n", grown.Out, StringComparison.Ordinal);
        Assert.True(forked.ExitCode == 1, forked.ToString());
        Assert.Contains("does not extend the trusted one of 3", forked.Out, StringComparison.Ordinal);
        Assert.Contains("  trusted checkpoint:\n    registers.test/registers/school\n    3\n", forked.Out, StringComparison.Ordinal);
        Assert.Contains("  newer checkpoint:\n    registers.test/registers/school\n    4\n", forked.Out, StringComparison.Ordinal);
        Assert.Contains("  proof:\n    sha-256:", forked.Out, StringComparison.Ordinal);
        Assert.Equal(forked.Out, File.ReadAllText(Path.Combine(state, "school.evidence")));
        Assert.Contains("registers.test/registers/school\n3\n", File.ReadAllText(Path.Combine(state, "school.checkpoint")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_record_with_state_refuses_a_checkpoint_that_does_not_extend_the_last_one_it_kept()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002", "100003");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");

        var first = audited.Verify("verify-record", "--state", state, "100003");
        await audited.RewriteSecondLeafAsync();
        audited.Append("100004");
        var forked = audited.Verify("verify-record", "--state", state, "100004");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(forked.ExitCode == 1, forked.ToString());
        Assert.Contains("does not extend the trusted one of 3", forked.Out, StringComparison.Ordinal);
        Assert.Contains("registers.test/registers/school\n3\n", File.ReadAllText(Path.Combine(state, "school.checkpoint")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_follow_refuses_a_checkpoint_signed_by_another_key()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");
        Assert.Equal(0, audited.Verify("audit", "follow", "--once", "--state", state).ExitCode);

        audited.Server.Kill();
        File.Delete(Path.Combine(audited.Server.DataDirectory, "log-key"));
        await audited.Server.RestartAsync("--Registers:AcceptNewLogKey=true");
        audited.Append("100002");
        var refused = audited.Verify("audit", "follow", "--once", "--state", state);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("The checkpoint is refused", refused.Out, StringComparison.Ordinal);
        Assert.Contains("  newer checkpoint:\n    registers.test/registers/school\n    2\n", refused.Out, StringComparison.Ordinal);

        // Only an inconsistency or a rollback is saved as evidence: the command must not point at a file it never wrote.
        Assert.False(File.Exists(Path.Combine(state, "school.evidence")));
        Assert.DoesNotContain("evidence is kept", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_follow_refuses_a_consistency_proof_for_another_size()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");
        Assert.Equal(0, audited.Verify("audit", "follow", "--once", "--state", state).ExitCode);
        audited.Append("100003");
        audited.Append("100004");

        var refused = audited.VerifyThrough(new ConsistencySizeRewriter(), "audit", "follow", "--once", "--state", state);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("does not extend the trusted one of 2", refused.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_full_recomputes_an_honest_register_and_catches_an_altered_item_and_an_altered_entry()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002", "100003");

        var honest = audited.Verify("audit", "full");
        await audited.ExecuteSqlAsync("""UPDATE registers.items SET content = '{"name":"Evil School","school":"100002"}' WHERE content LIKE '%100002%'""");
        var itemAltered = audited.Verify("audit", "full");
        await audited.ExecuteSqlAsync("""UPDATE registers.items SET content = '{"name":"School 100002","school":"100002"}' WHERE content LIKE '%100002%'""");
        var restored = audited.Verify("audit", "full");
        await audited.ExecuteSqlAsync("UPDATE registers.entries SET timestamp = timestamp - interval '1 day' WHERE register = 'school' AND log = 0 AND number = 1");
        var entryAltered = audited.Verify("audit", "full");

        Assert.True(honest.ExitCode == 0, honest.ToString());
        Assert.Contains("school: 3 entries, ", honest.Out, StringComparison.Ordinal);
        Assert.Matches(@"verified against checkpoint 3 \(root sha-256:[0-9a-f]{64}\)\n", honest.Out);
        Assert.Matches(@"system log verified against checkpoint \d+ \(root sha-256:[0-9a-f]{64}\)\n", honest.Out);
        Assert.True(itemAltered.ExitCode == 1, itemAltered.ToString());
        Assert.Contains("do not replay", itemAltered.Out, StringComparison.Ordinal);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.True(entryAltered.ExitCode == 1, entryAltered.ToString());
        Assert.Contains("  trusted checkpoint:\n    registers.test/registers/school\n    3\n", entryAltered.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_full_catches_metadata_rewritten_behind_the_server_by_the_system_log_checkpoint()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");

        await audited.ExecuteSqlAsync("UPDATE registers.entries SET timestamp = timestamp - interval '1 day' WHERE register = 'school' AND log = 1 AND number = 1");
        var refused = audited.Verify("audit", "full");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("system entries (its metadata) do not recompute to the signed root", refused.Out, StringComparison.Ordinal);
        Assert.Contains("    registers.test/registers/school/system\n", refused.Out, StringComparison.Ordinal);
    }

    /// <summary>A proxy that answers every consistency proof with the one for a tree one smaller.</summary>
    private sealed partial class ConsistencySizeRewriter : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(Consistency().Replace(request.RequestUri!.ToString(), match =>
                $"/proof/consistency/{match.Groups[1].Value}/{long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 1}/"));
            return base.SendAsync(request, cancellationToken);
        }

        [GeneratedRegex(@"/proof/consistency/(\d+)/(\d+)/")]
        private static partial Regex Consistency();
    }
}
