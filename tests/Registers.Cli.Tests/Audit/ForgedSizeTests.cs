using System.Globalization;
using System.Net;
using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Hashing;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A server holds its log key, so it may sign a tree of any size, up to the largest a checkpoint can name. <c>audit full</c>
/// bounded the download of such a tree by sums that wrapped round to negative numbers, and refused the first item as "more
/// items than the -9,223,372,036,854,770,582 its entries can cite". The bound now stops at the largest number, and the
/// download is refused for what it is: not the signed tree.
/// </summary>
public sealed class ForgedSizeTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_signed_checkpoint_of_the_largest_size_is_refused_as_not_the_downloaded_tree_not_by_a_negative_bound()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        using var key = SignerKey.Parse(File.ReadAllText(Path.Combine(audited.Server.DataDirectory, "log-key")).Trim());

        var refused = audited.VerifyThrough(new LargestTree(key, honestSize: 2), "audit", "full");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("The register's entries do not recompute to the signed root.", refused.Out, StringComparison.Ordinal);
        Assert.Contains("  expected: 9223372036854775807 entries, root sha-256:", refused.Out, StringComparison.Ordinal);
        Assert.Contains("  got:      2 entries, root sha-256:", refused.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("-9,", refused.Out, StringComparison.Ordinal);
    }

    /// <summary>
    /// Signs, with the server's own log key, a latest checkpoint of <see cref="long.MaxValue"/> entries and the statement of
    /// its metadata (as many system entries as the real tree of <paramref name="honestSize"/> has); serves that tree's
    /// download and last entry for it.
    /// </summary>
    private sealed class LargestTree(SignerKey key, long honestSize) : DelegatingHandler
    {
        private static readonly string Largest = long.MaxValue.ToString(CultureInfo.InvariantCulture);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var honest = honestSize.ToString(CultureInfo.InvariantCulture);
            if (path == "/registers/school/checkpoint")
            {
                return Signed(new Checkpoint("registers.test/registers/school", long.MaxValue, Digest.Of("forged"u8)).ToString());
            }

            request.RequestUri = new Uri(request.RequestUri.ToString().Replace(Largest, honest, StringComparison.Ordinal));
            var response = await base.SendAsync(request, cancellationToken);
            if (path == $"/registers/school/metadata-size/{Largest}")
            {
                var systemSize = long.Parse((await response.Content.ReadAsStringAsync(cancellationToken)).Split('\n')[2], CultureInfo.InvariantCulture);
                return Signed(new MetadataSize("registers.test/registers/school" + MetadataSize.OriginSuffix, long.MaxValue, systemSize).ToString());
            }

            return response;
        }

        private HttpResponseMessage Signed(string text) =>
            new(HttpStatusCode.OK) { Content = new StringContent(NoteSigner.Sign(text, key).ToString(), Encoding.UTF8, "text/plain") };
    }
}
