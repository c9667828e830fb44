using Registers.Client.Reads;
using Registers.Client.Tests.Support;
using Registers.Client.Tracking;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// Lookups at once while an honest log grows: none waits for another's request, and an answer fetched before another
/// lookup accepted a newer checkpoint is not a rollback (the newer stands), whether the lookups share a client or only
/// its store (transient clients of one service).
/// </summary>
public sealed class ConcurrentUpdateTests : IDisposable
{
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_checkpoint_fetched_before_a_newer_one_was_accepted_is_not_taken_for_a_rollback(bool oneClient)
    {
        var store = new MemoryLogStateStore();
        var source = new HeldSource(_log);
        var first = new VerifyingClient(source, _log.Trust, store);
        var second = oneClient ? first : new VerifyingClient(source, _log.Trust, store);
        await first.GetVerifiedCheckpointAsync(MemoryLog.Register);

        source.HoldNext(); // the next lookup's checkpoint (of 5) is slow to arrive
        var slow = first.GetVerifiedCheckpointAsync(MemoryLog.Register);
        await source.Held;
        _log.Append(1);
        var fast = second.GetVerifiedCheckpointAsync(MemoryLog.Register);
        await Task.WhenAny(fast, Task.Delay(TimeSpan.FromSeconds(10))); // done at once unless it waits for the slow one
        var fastWaited = !fast.IsCompleted;
        source.Release();

        Assert.False(fastWaited, "a lookup waited for another's request");
        Assert.Equal((6L, 6L), ((await slow).Size, (await fast).Size)); // the slow one's 5 came after 6 was accepted
        Assert.Equal(6, (await first.Tracker.GetTrustedAsync(MemoryLog.Register))!.Size);
        Assert.Null(store.Evidence(MemoryLog.Register));
    }

    [Theory]
    [InlineData(1)] // the fork's 6 against the honest 6: two roots for one size
    [InlineData(2)] // the fork's 6 against the honest 7: no tree the trusted one extends
    public async Task A_fork_fetched_before_another_lookup_accepted_the_honest_log_is_refused_with_evidence(int honestGrowth)
    {
        using var fork = _log.Fork().Append(5).Append(2, "Academy");
        var store = new MemoryLogStateStore();
        await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        _log.Append(honestGrowth);
        var split = new SplitSource(_log, fork);

        var shownTheFork = new LogStateTracker(split, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        await split.Held;
        var honest = await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        split.Release();

        var failure = await Assert.ThrowsAsync<VerificationException>(() => shownTheFork);
        Assert.Equal(VerificationProblem.Inconsistent, failure.Problem);
        Assert.Equal((honest.SignedNote, fork.Checkpoint(6)), (failure.TrustedCheckpoint, failure.NewerCheckpoint));
        Assert.Equal(string.Join('\n', failure.Evidence()) + "\n", store.Evidence(MemoryLog.Register));
        Assert.Equal(honest.SignedNote, await store.LoadAsync(MemoryLog.Register, default));
    }

    /// <summary>A server showing the first lookup a fork (its checkpoint of 6, held back until released, and its proofs) and every later one the log.</summary>
    private sealed class SplitSource(MemoryLog log, MemoryLog fork) : DelegatingSource(log)
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _checkpoints;

        public Task Held => _held.Task;

        public void Release() => _release.SetResult();

        public override async Task<string> GetCheckpointAsync(string register, long? size, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _checkpoints) > 1)
            {
                return await base.GetCheckpointAsync(register, size, cancellationToken);
            }

            _held.SetResult();
            await _release.Task;
            return fork.Checkpoint(size ?? 6);
        }

        public override Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken) =>
            _checkpoints == 1 ? fork.GetConsistencyProofAsync(register, fromSize, toSize, cancellationToken) : base.GetConsistencyProofAsync(register, fromSize, toSize, cancellationToken);
    }

    /// <summary>The log, except that one checkpoint answer can be held back until released.</summary>
    private sealed class HeldSource(MemoryLog log) : DelegatingSource(log)
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _release;

        public Task Held => _held.Task;

        public void HoldNext() => _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release?.SetResult();

        public override async Task<string> GetCheckpointAsync(string register, long? size, CancellationToken cancellationToken)
        {
            var note = await base.GetCheckpointAsync(register, size, cancellationToken);
            if (_release is { Task.IsCompleted: false } release && _held.TrySetResult())
            {
                await release.Task;
            }

            return note;
        }
    }
}
