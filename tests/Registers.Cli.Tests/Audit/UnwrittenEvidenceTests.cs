using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// Evidence whose file fails as it is written (a full disk) is not said to be kept: <c>audit follow</c> says NOT VERIFIED
/// (exit 1), prints the evidence whole, and says it could not be written and why. A path plainly unwritable is refused
/// before the round (<see cref="Files.UnusableCompanionPathTests"/>); a full disk only shows when the write fails, so the
/// evidence file here is the system's full device, whose every write fails as on a full disk.
/// </summary>
public sealed class UnwrittenEvidenceTests(PostgresCluster cluster)
{
    private const string FullDevice = "/dev/full";

    [Fact]
    public async Task Audit_follow_whose_evidence_cannot_be_written_says_so_and_not_that_it_is_kept()
    {
        Assert.SkipUnless(File.Exists(FullDevice), $"{FullDevice} is needed to fail a write as a full disk does");
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002", "100003");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");
        Assert.Equal(0, audited.Verify("audit", "follow", "--once", "--state", state).ExitCode);
        await audited.RewriteSecondLeafAsync();
        audited.Append("100004");
        var evidence = Path.Combine(state, "school.evidence");
        File.CreateSymbolicLink(evidence, FullDevice);

        var forked = audited.Verify("audit", "follow", "--once", "--state", state);

        Assert.True(forked.ExitCode == 1, forked.ToString());
        Assert.Contains("NOT VERIFIED: The checkpoint of 4 does not extend the trusted one of 3", forked.Error, StringComparison.Ordinal);
        Assert.Contains("  trusted checkpoint:\n    registers.test/registers/school\n    3\n", forked.Out, StringComparison.Ordinal);
        Assert.Contains("  newer checkpoint:\n    registers.test/registers/school\n    4\n", forked.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("evidence is kept", forked.Error, StringComparison.Ordinal);
        Assert.Contains($"the evidence above could not be kept in a file: cannot write {evidence}: No space left on device\n", forked.Error, StringComparison.Ordinal);
        Assert.Contains("registers.test/registers/school\n3\n", File.ReadAllText(Path.Combine(state, "school.checkpoint")), StringComparison.Ordinal);
    }
}
