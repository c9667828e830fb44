using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A 408 (Request Timeout) is the server giving up on a request that came too slowly: a timeout, its own, not a refusal
/// of what was asked. Every command that meets one says the server is unavailable (exit 3), as it does for its own
/// timeouts, 5xx and 429, and an auditor's command takes it for no failure to verify.
/// </summary>
public sealed class RequestTimeoutAnswerTests(PostgresCluster cluster)
{
    private static readonly Refusal TimedOut = Refusal.Problem(408, "Request Timeout");

    [Fact]
    public async Task Auditor_commands_meeting_a_408_say_the_server_is_unavailable_and_keep_no_evidence()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        var state = Path.Combine(audited.Server.Folder.Path, "audit");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("audit", "follow", "--once", "--state", state).ExitCode);
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        audited.Append("100003");

        proxy.Misbehave = target => target.Contains("/proof/consistency/", StringComparison.Ordinal) ? TimedOut : null;
        var follow = audited.VerifyAt(proxy.Address, "audit", "follow", "--once", "--state", state);
        var mirror = audited.VerifyAt(proxy.Address, "mirror", copy);
        proxy.Misbehave = target => target.Contains("/download-rsf", StringComparison.Ordinal) ? TimedOut : null;
        var full = audited.VerifyAt(proxy.Address, "audit", "full");
        proxy.Misbehave = target => target.Contains("/registers/school", StringComparison.Ordinal) ? TimedOut : null;
        var record = audited.VerifyAt(proxy.Address, "verify-record", "100001");

        foreach (var run in new[] { follow, mirror, full, record })
        {
            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("408 Request Timeout", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("NOT VERIFIED", run.Error, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(state, "school.evidence")));
        Assert.False(File.Exists(Path.Combine(audited.Server.Folder.Path, "school.evidence")));
    }

    [Fact]
    public async Task Write_commands_and_status_meeting_a_408_say_the_server_is_unavailable()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        var csv = audited.Server.Folder.File("schools.csv", "school,name\n100003,School 100003\n");
        var rsf = OneFieldRsf.Write(Path.Combine(audited.Server.Folder.Path, "generated.rsf"), "generated", 3);
        // The writes alone: the reads before them are answered.
        proxy.Misbehave = target => target.EndsWith("/entries", StringComparison.Ordinal) || target.EndsWith("/rsf", StringComparison.Ordinal) ? TimedOut : null;

        var append = audited.Server.RunAt(proxy.Address, null, "append", "-r", "school", "100002", "name=School 100002");
        var import = audited.Server.RunAt(proxy.Address, null, "import", "-r", "school", csv);
        var load = audited.Server.RunAt(proxy.Address, null, "load", "-r", "generated", rsf);

        proxy.Misbehave = target => target.Contains("/registers/school", StringComparison.Ordinal) ? TimedOut : null;
        var status = audited.Server.RunAt(proxy.Address, null, "status", "-r", "school");

        foreach (var run in new[] { append, import, load, status })
        {
            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("408 Request Timeout", run.Error, StringComparison.Ordinal);
        }

        Assert.NotEmpty(proxy.Misbehaved);
    }
}
