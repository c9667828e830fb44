using System.Net;
using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A checkpoint of the empty tree signing another root than the empty tree's is false on its face, and signed by the log
/// key: like an inconsistency, it is the server's own word against itself. <c>audit follow</c> and <c>mirror</c> say NOT
/// VERIFIED and keep it as evidence in a file, as they keep an inconsistency's, a rollback's or a refused proof's.
/// </summary>
public sealed class FalseEmptyTreeEvidenceTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("/registers/school/checkpoint", "registers.test/registers/school", "school.evidence")]
    [InlineData("/registers/school/system/checkpoint", "registers.test/registers/school/system", "school.system.evidence")]
    public async Task Audit_follow_keeps_a_signed_false_empty_tree_as_evidence(string path, string origin, string evidence)
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var state = Path.Combine(audited.Server.Folder.Path, "audit");

        var refused = audited.VerifyThrough(new FalseEmptyTree(LogKey(audited), path, origin), "audit", "follow", "--once", "--state", state);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("NOT VERIFIED: The checkpoint signs a root for the empty tree", refused.Error, StringComparison.Ordinal);
        Assert.Contains($"the evidence is kept in {Path.Combine(state, evidence)}", refused.Error, StringComparison.Ordinal);
        Assert.EndsWith(File.ReadAllText(Path.Combine(state, evidence)), refused.Out, StringComparison.Ordinal);
        Assert.Contains($"  newer checkpoint:\n    {origin}\n    0\n", File.ReadAllText(Path.Combine(state, evidence)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/registers/school/checkpoint", "registers.test/registers/school", "school.evidence")]
    [InlineData("/registers/school/system/checkpoint", "registers.test/registers/school/system", "school.system.evidence")]
    public async Task Mirror_keeps_a_signed_false_empty_tree_as_evidence_beside_the_copy(string path, string origin, string evidence)
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var folder = Directory.CreateDirectory(Path.Combine(audited.Server.Folder.Path, "mirror")).FullName;
        var copy = Path.Combine(folder, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);

        var refused = audited.VerifyThrough(new FalseEmptyTree(LogKey(audited), path, origin), "mirror", copy);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("NOT VERIFIED: The checkpoint signs a root for the empty tree", refused.Error, StringComparison.Ordinal);
        Assert.Contains($"the evidence is kept in {Path.Combine(folder, evidence)}", refused.Error, StringComparison.Ordinal);
        Assert.Contains($"  newer checkpoint:\n    {origin}\n    0\n", File.ReadAllText(Path.Combine(folder, evidence)), StringComparison.Ordinal);
    }

    private static SignerKey LogKey(AuditedServer audited) =>
        SignerKey.Parse(File.ReadAllText(Path.Combine(audited.Server.DataDirectory, "log-key")).Trim());

    /// <summary>Serves, at <paramref name="path"/>, a checkpoint of <paramref name="origin"/>'s empty tree with another root, signed with the server's own log key.</summary>
    private sealed class FalseEmptyTree(SignerKey key, string path, string origin) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath != path)
            {
                return base.SendAsync(request, cancellationToken);
            }

            var note = NoteSigner.Sign(new Checkpoint(origin, 0, Digest.Of("another history"u8)).ToString(), key).ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(note, Encoding.UTF8, "text/plain") });
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                key.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
