using System.Net.Http.Headers;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A download that leaves out metadata written among the register's entries (here a custodian key allowed between entries
/// 1 and 2) still matches both logs' checkpoints, the system log's at a smaller size; the signed metadata size of the
/// download's user size is what shows it.
/// </summary>
public sealed class LeftOutMetadataTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Audit_full_and_mirror_refuse_a_download_without_metadata_written_among_its_entries()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        audited.AllowCustodianKey("alice");
        audited.Append("100002");

        var honest = audited.Verify("audit", "full");
        var full = audited.VerifyThrough(new KeyEntriesLeftOut(), "audit", "full");
        var mirror = audited.VerifyThrough(new KeyEntriesLeftOut(), "mirror", Path.Combine(audited.Server.Folder.Path, "copy.rsf"));

        Assert.True(honest.ExitCode == 0, honest.ToString());
        Assert.True(full.ExitCode == 1, full.ToString());
        Assert.Contains("metadata was left out of the download", full.Out, StringComparison.Ordinal);
        Assert.Contains("registers.test/registers/school/metadata-size\n", full.Out, StringComparison.Ordinal);
        Assert.True(mirror.ExitCode == 1, mirror.ToString());
        Assert.Contains("metadata was left out of the download", mirror.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(audited.Server.Folder.Path, "copy.rsf")));
    }

    /// <summary>A proxy that takes the custodian key's system entry and its item out of every RSF download.</summary>
    private sealed class KeyEntriesLeftOut : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.Contains("/download-rsf", StringComparison.Ordinal))
            {
                return response;
            }

            var lines = (await response.Content.ReadAsStringAsync(cancellationToken)).Split('\n').Where(line => !line.Contains("custodian-key", StringComparison.Ordinal));
            response.Content = new StringContent(string.Join('\n', lines));
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
            return response;
        }
    }
}
