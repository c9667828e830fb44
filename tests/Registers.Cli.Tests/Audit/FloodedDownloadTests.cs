using System.Globalization;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Registers.Protocol.Rsf;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// A server streaming more RSF than the range it was asked for can hold (more entries of either log than it has, more
/// items than those entries can cite, a line longer than any item) broke its word: <c>audit full</c> and <c>mirror</c>
/// stop reading there, where they used to write it all to disk first, and keep none of it.
/// </summary>
public sealed partial class FloodedDownloadTests(PostgresCluster cluster)
{
    // The longest line an RSF reader takes; a flood twice as long is read to its end only by a download with no bound.
    private const int LongestLine = RsfReaderOptions.DefaultMaxLineLength;
    private const long FloodBytes = 2L * LongestLine;

    public static TheoryData<string, string, string, string> Floods => new()
    {
        { "user entries", "", "append-entry\tuser\t100009\t2016-04-05T13:23:05Z\tsha-256:" + new string('a', 64) + "\n", "more user entries" },
        { "system entries", "", "append-entry\tsystem\tname\t2016-04-05T13:23:05Z\tsha-256:" + new string('b', 64) + "\n", "more system entries" },
        { "items", "", "add-item\t{\"name\":\"Flood\",\"school\":\"100009\"}\n", "more items" },
        { "a line twice as long as any item", "add-item\t{\"name\":\"", "xxxxxxxxxxxxxxxx", "a line longer than" },
    };

    [Theory]
    [MemberData(nameof(Floods))]
    public async Task Audit_full_and_mirror_stop_reading_a_download_past_what_its_range_can_hold_and_keep_none_of_it(string flood, string start, string repeated, string said)
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        var kept = File.ReadAllBytes(copy);
        audited.Append("100002");
        var fullFlood = new Flood(start, repeated);
        var mirrorFlood = new Flood(start, repeated);

        var full = audited.VerifyThrough(fullFlood, "audit", "full");
        var mirror = audited.VerifyThrough(mirrorFlood, "mirror", copy);
        var honest = audited.Verify("audit", "full");

        foreach (var (run, served) in new[] { (full, fullFlood.Served), (mirror, mirrorFlood.Served) })
        {
            Assert.True(served < LongestLine + (1 << 20), $"{flood}: {served:N0} bytes of the flood were read\n{run}");
            Assert.True(run.ExitCode == 1, $"{flood}: {run}");
            Assert.Contains("holds more than it can", run.Out, StringComparison.Ordinal);
            Assert.Contains(said, run.Out, StringComparison.Ordinal);
        }

        Assert.Equal(kept, File.ReadAllBytes(copy));
        Assert.False(File.Exists(copy + ".next"));
        Assert.True(honest.ExitCode == 0, honest.ToString());
    }

    [Fact]
    public async Task An_honest_download_of_entries_citing_several_items_each_is_within_the_bound()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        using var http = new HttpClient { BaseAddress = new Uri(audited.Server.Address) };
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var phases = new RsfBuilder().User("100002", now, [.. "ABCDE".Select(phase => $"{{\"name\":\"School 100002\",\"phases\":[\"{phase}\"],\"school\":\"100002\"}}")]);
        var rsf = audited.Server.Folder.File("phases.rsf", await http.GetStringAsync("/registers/school/download-rsf") + phases);
        var loaded = audited.Server.Run(null, "load", "-r", "school", rsf);
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");

        var full = audited.Verify("audit", "full");
        var mirror = audited.Verify("mirror", copy);

        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.True(mirror.ExitCode == 0, mirror.ToString());
        var counts = Recomputed().Match(full.Out);
        Assert.True(counts.Success, full.ToString());
        // More items than entries of both logs: the bound allows each entry as many items as an entry can cite.
        Assert.True(int.Parse(counts.Groups["items"].Value, CultureInfo.InvariantCulture) > int.Parse(counts.Groups["entries"].Value, CultureInfo.InvariantCulture) + int.Parse(counts.Groups["system"].Value, CultureInfo.InvariantCulture), full.Out);
    }

    [GeneratedRegex(@"school: (?<entries>\d+) entries, (?<system>\d+) system entries and (?<items>\d+) items recomputed")]
    private static partial Regex Recomputed();

    /// <summary>
    /// A proxy that serves every RSF download as the server gave it followed by <see cref="FloodBytes"/> more:
    /// <paramref name="start"/>, then <paramref name="repeated"/> again and again, made only as fast as the client reads.
    /// </summary>
    private sealed class Flood(string start, string repeated) : DelegatingHandler
    {
        private long _served;

        /// <summary>The bytes of the flood handed to the client: those it read, and at most a chunk and a pipe's buffer more.</summary>
        public long Served => Interlocked.Read(ref _served);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.Contains("/download-rsf", StringComparison.Ordinal))
            {
                return response;
            }

            var pipe = new Pipe();
            _ = WriteAsync(pipe.Writer, await response.Content.ReadAsByteArrayAsync(cancellationToken));
            response.Content = new StreamContent(pipe.Reader.AsStream());
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
            return response;
        }

        private async Task WriteAsync(PipeWriter body, byte[] honest)
        {
            await body.WriteAsync(honest);
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(repeated, (64 << 10) / repeated.Length)));
            var next = Encoding.UTF8.GetBytes(start);

            // The client stopping reading completes the pipe's reader: the write then says so, and the flood ends.
            while (_served < FloodBytes && !(await body.WriteAsync(next)).IsCompleted)
            {
                Interlocked.Add(ref _served, next.Length);
                next = chunk;
            }

            await body.CompleteAsync();
        }
    }
}
