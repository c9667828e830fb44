using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A server that signs a newer checkpoint and then refuses (4xx) the consistency proof from the one an auditor trusts could
/// hide a fork behind the refusal: <c>audit follow</c> and <c>mirror</c> say NOT VERIFIED (exit 1) and keep both
/// checkpoints as evidence, as for an inconsistency. A server failing (5xx) is still unavailable (exit 3).
/// </summary>
public sealed class RefusedConsistencyProofTests(PostgresCluster cluster)
{
    private static Func<string, Misbehaviour?> Refusing(string proofs, Misbehaviour refusal) =>
        target => target.Contains(proofs, StringComparison.Ordinal) ? refusal : null;

    [Fact]
    public async Task Audit_follow_says_not_verified_when_a_consistency_proof_is_refused_and_keeps_both_checkpoints_as_evidence()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        var state = Path.Combine(audited.Server.Folder.Path, "audit");
        Assert.Equal(0, audited.Verify("audit", "follow", "--once", "--state", state).ExitCode);
        audited.Append("100003");
        audited.AllowCustodianKey("alice");

        proxy.Misbehave = Refusing("/school/proof/consistency/", Refusal.Problem(404, "Unknown size"));
        var entries = audited.VerifyAt(proxy.Address, "audit", "follow", "--once", "--state", state);
        var trustedAfter = File.ReadAllText(Path.Combine(state, "school.checkpoint"));
        proxy.Misbehave = Refusing("/school/system/proof/consistency/", Refusal.Problem(422, "Unprocessable"));
        var metadata = audited.VerifyAt(proxy.Address, "audit", "follow", "--once", "--state", state);

        Assert.True(entries.ExitCode == 1, entries.ToString());
        Assert.Contains("NOT VERIFIED: The server signed a checkpoint of 3 but refused the consistency proof from 2 to 3", entries.Error, StringComparison.Ordinal);
        Assert.Contains("  trusted checkpoint:\n    registers.test/registers/school\n    2\n", entries.Out, StringComparison.Ordinal);
        Assert.Contains("  newer checkpoint:\n    registers.test/registers/school\n    3\n", entries.Out, StringComparison.Ordinal);
        Assert.Contains($"the evidence is kept in {Path.Combine(state, "school.evidence")}", entries.Error, StringComparison.Ordinal);
        Assert.Equal(entries.Out, File.ReadAllText(Path.Combine(state, "school.evidence")));
        Assert.Contains("registers.test/registers/school\n2\n", trustedAfter, StringComparison.Ordinal);
        Assert.True(metadata.ExitCode == 1, metadata.ToString());
        Assert.Contains("NOT VERIFIED", metadata.Error, StringComparison.Ordinal);
        Assert.Contains("  newer checkpoint:\n    registers.test/registers/school/system\n", metadata.Out, StringComparison.Ordinal);
        Assert.Contains("422 Unprocessable", File.ReadAllText(Path.Combine(state, "school.system.evidence")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_follow_meeting_a_server_that_fails_a_consistency_proof_says_it_is_unavailable_and_keeps_no_evidence()
    {
        // A guard: a failing server was never taken for a failure to verify, and must not become one.
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        var state = Path.Combine(audited.Server.Folder.Path, "audit");
        Assert.Equal(0, audited.Verify("audit", "follow", "--once", "--state", state).ExitCode);
        audited.Append("100003");
        proxy.Misbehave = Refusing("/proof/consistency/", Refusal.Problem(500, "Internal Server Error"));

        var failing = audited.VerifyAt(proxy.Address, "audit", "follow", "--once", "--state", state);

        Assert.True(failing.ExitCode == 3, failing.ToString());
        Assert.DoesNotContain("NOT VERIFIED", failing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(state, "school.evidence")));
    }

    [Fact]
    public async Task Mirror_says_not_verified_when_a_consistency_proof_is_refused_keeps_the_evidence_beside_the_copy_and_leaves_the_copy_alone()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        var folder = Directory.CreateDirectory(Path.Combine(audited.Server.Folder.Path, "mirror")).FullName;
        var copy = Path.Combine(folder, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        var kept = File.ReadAllBytes(copy);
        audited.Append("100003");
        proxy.Misbehave = Refusing("/proof/consistency/", new Refusal(404, "404 page not found", "text/plain"));

        var refused = audited.VerifyAt(proxy.Address, "mirror", copy);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("NOT VERIFIED: The server signed a checkpoint of 3 but refused the consistency proof from 2 to 3", refused.Error, StringComparison.Ordinal);
        Assert.Contains($"the evidence is kept in {Path.Combine(folder, "school.evidence")}", refused.Error, StringComparison.Ordinal);
        Assert.Equal(refused.Out, File.ReadAllText(Path.Combine(folder, "school.evidence")));
        Assert.Contains("  newer checkpoint:\n    registers.test/registers/school\n    3\n", refused.Out, StringComparison.Ordinal);
        Assert.Equal(kept, File.ReadAllBytes(copy));
    }
}
