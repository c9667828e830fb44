using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A server that sends the start of a download and then nothing more, its connection left open, held <c>audit full</c> and
/// <c>mirror</c> for good: HttpClient's timeout ends at the headers of a streamed answer. A download now ends once no byte of
/// it has come for the request timeout: the server failing (exit 3), and none of it kept.
/// </summary>
public sealed class StalledDownloadTests(PostgresCluster cluster)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Audit_full_and_mirror_end_a_download_that_stops_coming_as_the_server_failing_and_keep_none_of_it()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        var kept = File.ReadAllBytes(copy);
        audited.Append("100002");

        // Bounded here, so that a command that never ends fails the test instead of holding it.
        var full = await Task.Run(() => audited.VerifyThrough(new StallingDownloads(), RequestTimeout, "audit", "full"))
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var mirror = await Task.Run(() => audited.VerifyThrough(new StallingDownloads(), RequestTimeout, "mirror", copy))
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        foreach (var run in new[] { full, mirror })
        {
            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("its answer stopped coming for that long: run the command again", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("verified", run.Out, StringComparison.Ordinal);
        }

        Assert.Equal(kept, File.ReadAllBytes(copy));
        Assert.False(File.Exists(copy + ".next"));
    }

    /// <summary>Passes the first half of every download through, then sends nothing more, the answer left open.</summary>
    private sealed class StallingDownloads : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.Contains("/download-rsf", StringComparison.Ordinal))
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var headers = response.Content.Headers.Where(header => header.Key != "Content-Length").ToList();
                response.Content = new StreamContent(new StallingStream(body[..(body.Length / 2)]));
                foreach (var (name, values) in headers)
                {
                    response.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }

            return response;
        }
    }

    /// <summary>Reads <paramref name="first"/>, then waits for a byte that never comes, until the reader gives up.</summary>
    private sealed class StallingStream(byte[] first) : MemoryStream(first)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (await base.ReadAsync(buffer, cancellationToken) is > 0 and var read)
            {
                return read;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
