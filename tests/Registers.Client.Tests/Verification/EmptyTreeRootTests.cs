using Registers.Client.Tests.Support;
using Registers.Client.Tracking;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// The empty tree has one root, the SHA-256 of nothing (RFC 9162 section 2.1.1): a checkpoint of size 0 signing another
/// root is false on its face, whoever signed it, and once trusted it would let any later tree in with no proof asked for.
/// </summary>
public sealed class EmptyTreeRootTests : IDisposable
{
    private static readonly Digest OtherRoot = Digest.Of("another history"u8);
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("/system")]
    public void A_checkpoint_of_the_empty_tree_signing_another_root_is_refused_with_both_roots(string log)
    {
        var origin = $"registers.test/registers/{MemoryLog.Register}{log}";
        var forged = _log.Sign(origin, 0, OtherRoot);

        var failure = Assert.Throws<VerificationException>(() => log == "" ? _log.Trust.Verify(MemoryLog.Register, forged) : _log.Trust.VerifySystem(MemoryLog.Register, forged));

        Assert.Equal(VerificationProblem.ContentsMismatch, failure.Problem);
        Assert.Equal(($"0 entries, root {MerkleHash.EmptyRoot}", $"0 entries, root {OtherRoot}"), (failure.Expected, failure.Actual));
        Assert.Equal(forged, failure.NewerCheckpoint);
    }

    [Fact]
    public async Task A_tracker_served_a_false_empty_tree_first_trusts_nothing_and_so_takes_no_later_tree_unproved()
    {
        var tracker = new LogStateTracker(new FalseEmptyTree(_log, _log.Sign(_log.Origin, 0, OtherRoot)), _log.Trust);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => tracker.UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.ContentsMismatch, failure.Problem);
        Assert.Null(await tracker.GetTrustedAsync(MemoryLog.Register));
    }

    [Fact]
    public async Task A_tracker_served_a_false_empty_tree_keeps_it_as_evidence()
    {
        var store = new MemoryLogStateStore();
        var forged = _log.Sign(_log.Origin, 0, OtherRoot);
        var tracker = new LogStateTracker(new FalseEmptyTree(_log, forged), _log.Trust, store);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => tracker.UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.ContentsMismatch, failure.Problem);
        Assert.Null(failure.EvidenceNotKept);
        Assert.Equal(string.Join('\n', failure.Evidence()) + "\n", store.Evidence(MemoryLog.Register));
        Assert.Contains($"  newer checkpoint:\n    {_log.Origin}\n    0\n", store.Evidence(MemoryLog.Register), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_false_empty_tree_kept_as_trusted_is_named_as_such_not_as_another_logs()
    {
        var store = new MemoryLogStateStore();
        var kept = _log.Sign(_log.Origin, 0, OtherRoot);
        await store.SaveAsync(MemoryLog.Register, kept, default); // trusted by a client that did not check the empty tree's root

        var failure = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.ContentsMismatch, failure.Problem);
        Assert.StartsWith("The checkpoint kept as trusted signs a root for the empty tree that is not the empty tree's", failure.Message, StringComparison.Ordinal);
        Assert.Equal(kept, failure.TrustedCheckpoint);
    }

    [Fact]
    public void The_honest_empty_tree_verifies()
    {
        var empty = _log.Trust.Verify(MemoryLog.Register, _log.Checkpoint(0));

        Assert.Equal((0L, MerkleHash.EmptyRoot), (empty.Size, empty.Checkpoint.Root));
    }

    /// <summary>The log, except that its latest checkpoint is <paramref name="note"/>.</summary>
    private sealed class FalseEmptyTree(MemoryLog log, string note) : DelegatingSource(log)
    {
        public override Task<string> GetCheckpointAsync(string register, long? size, CancellationToken cancellationToken) => Task.FromResult(note);
    }
}
