using Registers.Client.Tests.Support;
using Registers.Client.Tracking;
using Registers.Client.Verification;

namespace Registers.Client.Tests.Verification;

/// <summary>The tracker over in-memory logs: growth is accepted, forks, rollbacks and foreign keys are not.</summary>
public sealed class LogStateTrackerTests : IDisposable
{
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task A_log_that_only_grows_is_accepted_at_every_size_and_remembered_in_the_store()
    {
        var store = new MemoryLogStateStore();
        var tracker = new LogStateTracker(_log, _log.Trust, store);

        var sizes = new List<long> { (await tracker.UpdateAsync(MemoryLog.Register)).Size };
        foreach (var grow in new[] { 1, 2, 3, 8, 0, 50 })
        {
            _log.Append(grow);
            sizes.Add((await tracker.UpdateAsync(MemoryLog.Register)).Size);
        }

        Assert.Equal([5L, 6, 8, 11, 19, 19, 69], sizes);
        Assert.Equal(69, (await new LogStateTracker(_log, _log.Trust, store).GetTrustedAsync(MemoryLog.Register))!.Size);
    }

    [Fact]
    public async Task A_second_history_under_the_same_key_is_an_inconsistency_kept_as_evidence_and_the_old_checkpoint_stays()
    {
        var store = new MemoryLogStateStore();
        var trusted = await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        using var fork = _log.Fork().Append(9, "Academy");

        var failure = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(fork, _log.Trust, store).UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.Inconsistent, failure.Problem);
        Assert.Equal(trusted.SignedNote, failure.TrustedCheckpoint);
        Assert.Equal(fork.Checkpoint(9), failure.NewerCheckpoint);
        Assert.Equal(await fork.GetConsistencyProofAsync(MemoryLog.Register, 5, 9, default), failure.Proof);
        Assert.Equal(string.Join('\n', failure.Evidence()) + "\n", store.Evidence(MemoryLog.Register));
        Assert.Equal(trusted.SignedNote, await store.LoadAsync(MemoryLog.Register, default));
    }

    [Fact]
    public async Task An_inconsistency_whose_evidence_cannot_be_kept_is_still_the_inconsistency_and_says_why_it_was_not_kept()
    {
        var store = new MemoryLogStateStore();
        await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        using var fork = _log.Fork().Append(9, "Academy");

        var failure = await Assert.ThrowsAsync<VerificationException>(
            () => new LogStateTracker(fork, _log.Trust, new NoRoomForEvidence(store)).UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.Inconsistent, failure.Problem);
        Assert.Equal("disk full", failure.EvidenceNotKept?.Message);
    }

    [Fact]
    public async Task Two_roots_signed_for_one_size_are_a_split_view_with_the_trusted_root_expected()
    {
        var store = new MemoryLogStateStore();
        var trusted = await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        using var fork = _log.Fork().Append(5, "Academy");
        var forked = _log.Trust.Verify(MemoryLog.Register, fork.Checkpoint(5));

        var failure = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(fork, _log.Trust, store).UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.Inconsistent, failure.Problem);
        Assert.Equal("The log signed two roots for its tree of 5: a split view.", failure.Message);
        Assert.Equal((trusted.Checkpoint.Root.ToString(), forked.Checkpoint.Root.ToString()), (failure.Expected, failure.Actual));
    }

    [Fact]
    public async Task A_lookup_at_an_unchanged_size_saves_nothing()
    {
        var store = new CountingStore();
        var tracker = new LogStateTracker(_log, _log.Trust, store);

        for (var i = 0; i < 3; i++)
        {
            await tracker.UpdateAsync(MemoryLog.Register);
        }

        _log.Append(1);
        await tracker.UpdateAsync(MemoryLog.Register);

        Assert.Equal(2, store.Saves);
    }

    /// <summary>A store in memory that counts the checkpoints saved.</summary>
    private sealed class CountingStore : ILogStateStore
    {
        private readonly MemoryLogStateStore _inner = new();

        public int Saves { get; private set; }

        public Task<string?> LoadAsync(string register, CancellationToken cancellationToken) => _inner.LoadAsync(register, cancellationToken);

        public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken)
        {
            Saves++;
            return _inner.SaveAsync(register, signedNote, cancellationToken);
        }

        public Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken) => _inner.SaveEvidenceAsync(register, evidence, cancellationToken);
    }

    [Fact]
    public async Task A_smaller_tree_is_a_rollback_and_a_checkpoint_under_another_key_is_refused()
    {
        var tracker = new LogStateTracker(_log, _log.Trust);
        await tracker.UpdateAsync(MemoryLog.Register);
        using var stranger = new MemoryLog().Append(7);

        _log.Latest = 4;
        var rollback = await Assert.ThrowsAsync<VerificationException>(() => tracker.UpdateAsync(MemoryLog.Register));
        var foreign = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(stranger, _log.Trust).UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.RolledBack, rollback.Problem);
        Assert.Equal(VerificationProblem.CheckpointSignature, foreign.Problem);
        Assert.Equal($"signed by registers.test+{stranger.Trust.LogKey.KeyId:x8}", foreign.Actual);
    }

    [Fact]
    public async Task A_kept_checkpoint_that_the_pinned_key_does_not_verify_is_named_as_the_kept_one_not_as_the_servers()
    {
        var store = new MemoryLogStateStore();
        var kept = await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        using var rekeyed = new MemoryLog().Append(6); // the server's log key changed, and the new one is pinned

        var failure = await Assert.ThrowsAsync<VerificationException>(() => new LogStateTracker(rekeyed, rekeyed.Trust, store).UpdateAsync(MemoryLog.Register));

        Assert.Equal(VerificationProblem.CheckpointSignature, failure.Problem);
        Assert.StartsWith("The checkpoint kept as trusted does not verify with the pinned log key", failure.Message, StringComparison.Ordinal);
        Assert.Equal(kept.SignedNote, failure.TrustedCheckpoint);
        Assert.Null(failure.NewerCheckpoint);
    }

    [Fact]
    public async Task A_verified_lookup_runs_over_the_in_memory_source_as_over_a_server()
    {
        var client = new VerifyingClient(_log, _log.Trust);

        var record = await client.GetVerifiedRecordAsync(MemoryLog.Register, "100003");

        Assert.Equal(3, record!.EntryNumber);
        Assert.Equal("School 3", record.Field("name"));
    }

    /// <summary>A store whose evidence file cannot be written, as on a full disk.</summary>
    private sealed class NoRoomForEvidence(ILogStateStore inner) : ILogStateStore
    {
        public Task<IAsyncDisposable> LockAsync(string register, CancellationToken cancellationToken) => inner.LockAsync(register, cancellationToken);

        public Task<string?> LoadAsync(string register, CancellationToken cancellationToken) => inner.LoadAsync(register, cancellationToken);

        public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken) => inner.SaveAsync(register, signedNote, cancellationToken);

        public Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken) => throw new IOException("disk full");
    }
}
