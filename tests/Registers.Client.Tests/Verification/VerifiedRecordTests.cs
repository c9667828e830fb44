using System.Text.RegularExpressions;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Verification;

/// <summary>Verified lookups against the real server: what it proves is accepted; each way of lying is caught, with the evidence.</summary>
public sealed partial class VerifiedRecordTests(PostgresCluster cluster)
{
    private static readonly (string, string)[] Schools = [("100001", "Leeds School"), ("100002", "York School"), ("100003", "Hull School")];

    [Fact]
    public async Task A_verified_lookup_returns_the_record_and_the_signed_checkpoint_it_was_proved_against()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        await live.AppendAsync(("100002", "York High School"));
        var reader = live.Reader();
        var client = new VerifyingClient(reader, live.Trust());

        var york = await client.GetVerifiedRecordAsync(LiveRegister.Name, "100002");
        var leeds = await client.GetVerifiedRecordAsync(LiveRegister.Name, "100001");
        var missing = await client.GetVerifiedRecordAsync(LiveRegister.Name, "999999");
        var status = await reader.GetStatusAsync(LiveRegister.Name);

        Assert.NotNull(york);
        Assert.Equal(4, york.EntryNumber);
        Assert.Equal("York High School", york.Field("name"));
        Assert.Equal(4, york.Checkpoint.Size);
        Assert.Equal(status!.User.Root, york.Checkpoint.Checkpoint.Root.ToString());
        Assert.Equal("registers.test/registers/school", york.Checkpoint.Checkpoint.Origin);
        Assert.Equal(1, leeds!.EntryNumber);
        Assert.Null(missing);
    }

    [Fact]
    public async Task An_item_altered_in_the_database_is_caught_by_its_hash()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        var client = new VerifyingClient(live.Reader(), live.Trust());
        var honest = await client.GetVerifiedRecordAsync(LiveRegister.Name, "100001");

        await live.ExecuteSqlAsync("""UPDATE registers.items SET content = '{"name":"Evil School","school":"100001"}' WHERE content LIKE '%Leeds%'""");
        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedRecordAsync(LiveRegister.Name, "100001"));

        Assert.Equal(VerificationProblem.ItemHash, failure.Problem);
        Assert.Equal(honest!.Items[0].Hash.ToString(), failure.Expected);
        Assert.Contains("Evil School", failure.Actual, StringComparison.Ordinal);
        Assert.Contains(failure.Evidence(), line => line.Contains("expected: " + honest.Items[0].Hash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proof_built_from_an_altered_tile_is_caught_by_the_signed_root()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        var client = new VerifyingClient(live.Reader(), live.Trust());

        // Entry 2's leaf hash (bytes 33 to 64 of the first level-0 tile) is the first node of entry 1's audit path.
        await live.ExecuteSqlAsync("UPDATE registers.tiles SET hashes = overlay(hashes PLACING decode(repeat('ab', 32), 'hex') FROM 33 FOR 32) WHERE register = 'school' AND log = 0 AND level = 0 AND index = 0");
        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedRecordAsync(LiveRegister.Name, "100001"));

        Assert.Equal(VerificationProblem.InclusionProof, failure.Problem);
        Assert.Equal((await client.Tracker.GetTrustedAsync(LiveRegister.Name))!.Checkpoint.Root.ToString(), failure.Expected);
        Assert.NotEqual(failure.Expected, failure.Actual);
        Assert.Equal("sha-256:" + string.Concat(Enumerable.Repeat("ab", 32)), failure.Proof[0].ToString());
        Assert.NotNull(failure.TrustedCheckpoint);
    }

    [Fact]
    public async Task A_proof_for_another_tree_size_is_caught()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        await live.AppendAsync(("100004", "Bath School"));
        var client = new VerifyingClient(live.Reader(new ProofSizeRewriter()), live.Trust());

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedRecordAsync(LiveRegister.Name, "100001"));

        Assert.Equal(VerificationProblem.InclusionProof, failure.Problem);
        Assert.Contains("tree of 4", failure.Message, StringComparison.Ordinal);
        Assert.NotEqual(failure.Expected, failure.Actual);
    }

    [Fact]
    public async Task A_checkpoint_signed_by_another_key_is_refused()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        var pinned = live.Trust();
        var client = new VerifyingClient(live.Reader(), pinned);
        Assert.NotNull(await client.GetVerifiedRecordAsync(LiveRegister.Name, "100001"));

        await live.ReplaceLogKeyAsync();
        await live.AppendAsync(("100004", "Bath School"));
        var failure = await Assert.ThrowsAsync<VerificationException>(() => new VerifyingClient(live.Reader(), pinned).GetVerifiedRecordAsync(LiveRegister.Name, "100001"));

        Assert.Equal(VerificationProblem.CheckpointSignature, failure.Problem);
        Assert.Contains($"registers.test+{pinned.LogKey.KeyId:x8}", failure.Expected, StringComparison.Ordinal);
        Assert.Equal($"signed by registers.test+{live.Trust().LogKey.KeyId:x8}", failure.Actual);
        Assert.Contains("registers.test/registers/school\n4\n", failure.NewerCheckpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_rewritten_behind_the_server_is_caught_as_an_inconsistency_and_the_old_checkpoint_stays_trusted()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        var client = new VerifyingClient(live.Reader(), live.Trust());
        var before = await client.GetVerifiedCheckpointAsync(LiveRegister.Name);

        // Rewrite entry 2's leaf in the stored tree, then let the log grow: the new tree no longer extends the signed one.
        await live.ExecuteSqlAsync("UPDATE registers.tiles SET hashes = overlay(hashes PLACING decode(repeat('cd', 32), 'hex') FROM 33 FOR 32) WHERE register = 'school' AND log = 0 AND level = 0 AND index = 0");
        await live.AppendAsync(("100004", "Bath School"));
        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedCheckpointAsync(LiveRegister.Name));

        Assert.Equal(VerificationProblem.Inconsistent, failure.Problem);
        Assert.Equal(before.SignedNote, failure.TrustedCheckpoint);
        Assert.Contains("registers.test/registers/school\n4\n", failure.NewerCheckpoint, StringComparison.Ordinal);
        Assert.NotEmpty(failure.Proof);
        Assert.Equal(3, (await client.Tracker.GetTrustedAsync(LiveRegister.Name))!.Size);
    }

    [Fact]
    public async Task A_checkpoint_of_another_tree_at_a_trusted_size_signed_with_the_log_key_is_caught_as_a_fork()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        var client = new VerifyingClient(live.Reader(), live.Trust());
        var before = await client.GetVerifiedCheckpointAsync(LiveRegister.Name);

        // Whoever holds the log key signs a second tree of the same size: a split view.
        using var key = SignerKey.Parse(File.ReadAllText(Path.Combine(live.DataDirectory, "log-key")).Trim());
        var forged = new CheckpointSigner(key).Sign("registers.test/registers/school", 3, Protocol.Hashing.Digest.Of("another history"u8));
        await live.ExecuteSqlAsync($"UPDATE registers.checkpoints SET note = '{forged}' WHERE register = 'school' AND log = 0 AND size = 3");
        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedCheckpointAsync(LiveRegister.Name));

        Assert.Equal(VerificationProblem.Inconsistent, failure.Problem);
        Assert.Equal(before.SignedNote, failure.TrustedCheckpoint);
        Assert.Equal(forged, failure.NewerCheckpoint);
    }

    /// <summary>A proxy that asks for every entry proof in the tree one smaller than the client asked for.</summary>
    private sealed partial class ProofSizeRewriter : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!.ToString();
            request.RequestUri = new Uri(EntryProof().Replace(uri, match => $"/proof/entry/{match.Groups[1].Value}/{long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 1}/"));
            return base.SendAsync(request, cancellationToken);
        }

        [GeneratedRegex(@"/proof/entry/(\d+)/(\d+)/")]
        private static partial Regex EntryProof();
    }
}
