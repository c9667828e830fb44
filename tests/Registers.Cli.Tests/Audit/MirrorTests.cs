using System.Net.Http.Json;
using System.Text.Json;
using Registers.Cli.Tests.Support;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

public sealed class MirrorTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_mirror_grows_by_what_it_lacks_verified_each_time_and_is_left_alone_when_the_log_was_rewritten()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");

        var first = audited.Verify("mirror", copy);
        var unchanged = audited.Verify("mirror", copy);
        audited.Append("100003");
        var grown = audited.Verify("mirror", copy);
        var offline = RegistersCli.Run("verify", copy);
        var kept = File.ReadAllBytes(copy);
        await audited.RewriteSecondLeafAsync();
        audited.Append("100004");
        var refused = audited.Verify("mirror", copy);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("holds 2 entries (+2), verified against checkpoint 2", first.Out, StringComparison.Ordinal);
        Assert.Contains("is up to date at checkpoint 2", unchanged.Out, StringComparison.Ordinal);
        Assert.True(grown.ExitCode == 0, grown.ToString());
        Assert.Contains("holds 3 entries (+1), verified against checkpoint 3", grown.Out, StringComparison.Ordinal);
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("does not extend the trusted one of 3", refused.Out, StringComparison.Ordinal);
        Assert.Equal(kept, File.ReadAllBytes(copy));
    }

    [Fact]
    public async Task A_download_the_server_breaks_off_is_the_server_failing_and_leaves_the_copy_as_it_was()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        var kept = File.ReadAllBytes(copy);
        audited.Append("100003");

        var run = audited.VerifyThrough(new BreakingOffDownloads(), "mirror", copy);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("the server's answer broke off", run.Error, StringComparison.Ordinal);
        Assert.Equal(kept, File.ReadAllBytes(copy));
        Assert.False(File.Exists(copy + ".next"));
    }

    [Fact]
    public async Task A_mirror_stopped_before_its_checkpoint_file_was_replaced_recovers_and_an_altered_copy_is_refused()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        var older = File.ReadAllText(copy + ".checkpoint");
        audited.Append("100003");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);

        File.WriteAllText(copy + ".checkpoint", older);
        var recovered = audited.Verify("mirror", copy);
        File.WriteAllText(copy, File.ReadAllText(copy).Replace("School 100002", "School 666666", StringComparison.Ordinal));
        var altered = audited.Verify("mirror", copy);

        Assert.True(recovered.ExitCode == 0, recovered.ToString());
        Assert.Contains("is up to date at checkpoint 3", recovered.Out, StringComparison.Ordinal);
        Assert.Contains("registers.test/registers/school\n3\n", File.ReadAllText(copy + ".checkpoint"), StringComparison.Ordinal);
        Assert.True(altered.ExitCode == 1, altered.ToString());
        Assert.Contains("NOT VERIFIED", altered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_cut_short_here_is_said_to_be_altered_here_and_one_grown_is_not_taken_for_a_rollback()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002", "100003");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        var whole = File.ReadAllLines(copy);
        var lastEntry = Array.FindLastIndex(whole, line => line.StartsWith("append-entry\tuser\t", StringComparison.Ordinal));

        File.WriteAllLines(copy, whole.Where((_, i) => i != lastEntry));
        var cutShort = audited.Verify("mirror", copy);
        File.WriteAllLines(copy, [.. whole[..(lastEntry + 1)], whole[lastEntry].Replace("\t100003\t", "\t100004\t", StringComparison.Ordinal)]);
        var grown = audited.Verify("mirror", copy);

        foreach (var run in new[] { cutShort, grown })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.False(run.Error.Contains("shrank", StringComparison.Ordinal) || run.Error.Contains("refused", StringComparison.Ordinal), run.ToString());
        }

        Assert.True(cutShort.Error.Contains("was altered since it was verified against the checkpoint kept beside it", StringComparison.Ordinal), cutShort.ToString());
        Assert.True(cutShort.Error.Contains("it holds 2 entries, fewer than its checkpoint's", StringComparison.Ordinal), cutShort.ToString());

        // A copy longer than its checkpoint is also what a stopped run leaves: the server may be the one at fault.
        Assert.True(grown.Error.Contains("the server has no tree of 4: the copy was altered here, or the server lost a tree it signed", StringComparison.Ordinal), grown.ToString());
    }

    [Fact]
    public async Task Metadata_written_after_the_last_entry_is_named_until_the_next_entry_brings_it()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001", "100002");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);
        using var alice = SignerKey.Generate("custodian.example/alice");
        var allowed = audited.Server.Run(null, "custodian-key", "allow", "-r", "school", alice.VerifierKey.ToString());

        var pending = audited.Verify("mirror", copy);
        audited.Append("100003");
        var brought = audited.Verify("mirror", copy);

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(pending.ExitCode == 0, pending.ToString());
        Assert.Contains("is up to date at checkpoint 2", pending.Out, StringComparison.Ordinal);
        Assert.Contains("; the server holds 1 metadata entry past the copy's, which RSF brings with later entries", pending.Out, StringComparison.Ordinal);
        Assert.True(brought.ExitCode == 0, brought.ToString());
        Assert.Contains("holds 3 entries (+1), verified against checkpoint 3", brought.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("metadata", brought.Out, StringComparison.Ordinal);
        Assert.Contains(alice.VerifierKey.ToString(), File.ReadAllText(copy), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_register_with_no_entries_yet_is_mirrored_with_its_metadata_waiting()
    {
        await using var audited = await AuditedServer.StartAsync(cluster);
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");

        var empty = audited.Verify("mirror", copy);
        audited.Append("100001");
        var first = audited.Verify("mirror", copy);
        var audit = audited.Verify("audit", "full");

        Assert.True(empty.ExitCode == 0, empty.ToString());
        Assert.Contains("holds 0 entries (+0)", empty.Out, StringComparison.Ordinal);
        Assert.Contains("metadata entries past the copy's", empty.Out, StringComparison.Ordinal);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("holds 1 entry (+1), verified against checkpoint 1", first.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("metadata", first.Out, StringComparison.Ordinal);
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Matches(@"school: 1 entry, \d+ system entries and \d+ items recomputed\n", audit.Out);
    }

    [Fact]
    public async Task A_copy_whose_metadata_the_server_altered_is_refused()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        await audited.ExecuteSqlAsync("UPDATE registers.entries SET timestamp = timestamp + interval '1 day' WHERE register = 'school' AND log = 1 AND number = 1");

        var refused = audited.Verify("mirror", copy);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("do not recompute to the signed root of its system log", refused.Out + refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(copy));
    }

    [Fact]
    public async Task A_system_log_smaller_than_the_copys_metadata_is_a_rollback()
    {
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");
        using var http = new HttpClient { BaseAddress = new Uri(audited.Server.Address) };
        var definitionOnly = (await http.GetFromJsonAsync<JsonElement>("/registers/school/system/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
        using var alice = SignerKey.Generate("custodian.example/alice");
        Assert.Equal(0, audited.Server.Run(null, "custodian-key", "allow", "-r", "school", alice.VerifierKey.ToString()).ExitCode);
        audited.Append("100002");
        Assert.Equal(0, audited.Verify("mirror", copy).ExitCode);

        var rolledBack = audited.VerifyThrough(new OlderSystemCheckpoint(definitionOnly), "mirror", copy);

        Assert.True(rolledBack.ExitCode == 1, rolledBack.ToString());
        Assert.Contains("its system log was rolled back", rolledBack.Out + rolledBack.Error, StringComparison.Ordinal);
    }

    /// <summary>Answers a request for the latest system checkpoint with the one of <paramref name="size"/>, as a server rolled back would.</summary>
    private sealed class OlderSystemCheckpoint(long size) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/system/checkpoint", StringComparison.Ordinal))
            {
                request.RequestUri = new Uri(request.RequestUri, $"checkpoint/{size}");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Passes the first bytes of every download through, then fails as a connection closed mid-answer does.</summary>
    private sealed class BreakingOffDownloads : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.Contains("/download-rsf", StringComparison.Ordinal))
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var headers = response.Content.Headers.ToList();
                response.Content = new StreamContent(new BreakingStream(body[..(body.Length / 2)]));
                foreach (var (name, values) in headers.Where(header => header.Key != "Content-Length"))
                {
                    response.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }

            return response;
        }
    }

    private sealed class BreakingStream(byte[] first) : MemoryStream(first)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, count) is > 0 and var read ? read : throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        public override int Read(Span<byte> buffer)
        {
            var read = new byte[buffer.Length];
            var count = Read(read, 0, read.Length);
            read.AsSpan(0, count).CopyTo(buffer);
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
    }
}
