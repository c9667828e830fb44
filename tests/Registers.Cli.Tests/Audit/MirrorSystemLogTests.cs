using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// <c>mirror</c> checks the register's metadata (its system log) as it checks its entries: each newer system checkpoint
/// must extend the one the copy's metadata was mirrored at, by a consistency proof. A server that rewrote the metadata it
/// had signed, or refuses (4xx) the proof, is NOT VERIFIED (exit 1) with the evidence kept beside the copy; one failing to
/// give the proof (5xx) is unavailable (exit 3).
/// </summary>
public sealed class MirrorSystemLogTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_mirror_stops_at_a_rewritten_system_log_and_keeps_the_evidence_beside_the_copy()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var folder = Directory.CreateDirectory(Path.Combine(audited.Server.Folder.Path, "mirror")).FullName;
        var copy = Path.Combine(folder, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        var kept = File.ReadAllBytes(copy);
        audited.AllowCustodianKey("alice");
        audited.AllowCustodianKey("carol");
        await audited.RewriteSecondLeafAsync(log: 1);
        audited.AllowCustodianKey("bob"); // a checkpoint signed over the rewritten system log

        var forked = audited.Verify("mirror", copy);

        Assert.True(forked.ExitCode == 1, forked.ToString());
        Assert.Contains("NOT VERIFIED", forked.Error, StringComparison.Ordinal);
        Assert.Contains("  newer checkpoint:\n    registers.test/registers/school/system\n", forked.Out, StringComparison.Ordinal);
        Assert.Contains($"the evidence is kept in {Path.Combine(folder, "school.system.evidence")}", forked.Error, StringComparison.Ordinal);
        Assert.Equal(kept, File.ReadAllBytes(copy));
    }

    [Fact]
    public async Task A_mirror_whose_system_log_proof_is_refused_is_not_verified_and_one_failing_is_unavailable()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        var folder = Directory.CreateDirectory(Path.Combine(audited.Server.Folder.Path, "mirror")).FullName;
        var copy = Path.Combine(folder, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        audited.AllowCustodianKey("alice");
        audited.Append("100003");

        proxy.Misbehave = target => target.Contains("/school/system/proof/consistency/", StringComparison.Ordinal) ? Refusal.Problem(500, "Internal Server Error") : null;
        var failing = audited.VerifyAt(proxy.Address, "mirror", copy);
        var evidenceAfterFailing = File.Exists(Path.Combine(folder, "school.system.evidence"));
        proxy.Misbehave = target => target.Contains("/school/system/proof/consistency/", StringComparison.Ordinal) ? Refusal.Problem(422, "Unprocessable") : null;
        var refused = audited.VerifyAt(proxy.Address, "mirror", copy);

        Assert.True(failing.ExitCode == 3, failing.ToString());
        Assert.DoesNotContain("NOT VERIFIED", failing.Error, StringComparison.Ordinal);
        Assert.False(evidenceAfterFailing);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("NOT VERIFIED", refused.Error, StringComparison.Ordinal);
        Assert.Contains("  newer checkpoint:\n    registers.test/registers/school/system\n", refused.Out, StringComparison.Ordinal);
        Assert.Contains("422 Unprocessable", File.ReadAllText(Path.Combine(folder, "school.system.evidence")), StringComparison.Ordinal);
        Assert.Contains("registers.test/registers/school\n2\n", File.ReadAllText(copy + ".checkpoint"), StringComparison.Ordinal);
    }
}
