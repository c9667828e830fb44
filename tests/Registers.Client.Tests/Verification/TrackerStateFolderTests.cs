using Registers.Client.Reads;
using Registers.Client.Tests.Support;
using Registers.Client.Tracking;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// Trackers keeping state in one folder (two processes auditing one register, say a scheduled run beside a poller, share
/// it as two stores of one process do): none waits for another's requests, none puts back a checkpoint older than another saved; and
/// evidence of a fork is kept even when the caller gives up while it is being written.
/// </summary>
public sealed class TrackerStateFolderTests : IDisposable
{
    private readonly MemoryLog _log = new MemoryLog().Append(10);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("registers-client-test-");

    public void Dispose()
    {
        _log.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Trackers_sharing_a_folder_wait_for_no_request_of_another_and_none_puts_back_an_older_checkpoint()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new LogStateTracker(new ProofHook(_log, async () =>
        {
            held.TrySetResult();
            await release.Task;
        }), _log.Trust, new FileLogStateStore(_folder.FullName));
        var fast = new LogStateTracker(_log, _log.Trust, new FileLogStateStore(_folder.FullName));
        await fast.UpdateAsync(MemoryLog.Register);

        _log.Append(5);
        var fifteen = slow.UpdateAsync(MemoryLog.Register); // checks 10 to 15; its consistency proof is slow to come
        await held.Task;
        _log.Append(5);
        var twenty = fast.UpdateAsync(MemoryLog.Register);
        await Task.WhenAny(twenty, Task.Delay(TimeSpan.FromSeconds(10)));
        var waited = !twenty.IsCompleted;
        release.SetResult();

        Assert.False(waited, "The second tracker waited for the first one's request.");
        Assert.Equal((20L, 20L), ((await fifteen).Size, (await twenty).Size)); // 20 was accepted while 15 was checked
        Assert.Equal(20, (await new LogStateTracker(_log, _log.Trust, new FileLogStateStore(_folder.FullName)).GetTrustedAsync(MemoryLog.Register))!.Size);
    }

    [Fact]
    public async Task Evidence_of_a_fork_is_kept_when_the_caller_gives_up_as_it_is_found()
    {
        var store = new FileLogStateStore(_folder.FullName);
        await new LogStateTracker(_log, _log.Trust, store).UpdateAsync(MemoryLog.Register);
        using var fork = _log.Fork().Append(14, "Academy");
        using var giveUp = new CancellationTokenSource();

        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            new LogStateTracker(new ProofHook(fork, giveUp.CancelAsync), _log.Trust, store).UpdateAsync(MemoryLog.Register, giveUp.Token));

        Assert.Equal(VerificationProblem.Inconsistent, failure.Problem);
        Assert.Null(failure.EvidenceNotKept);
        Assert.Equal(string.Join('\n', failure.Evidence()) + "\n", await File.ReadAllTextAsync(store.EvidenceFile(MemoryLog.Register)));
    }

    /// <summary>A log whose consistency proofs run <paramref name="beforeProof"/> before they are served.</summary>
    private sealed class ProofHook(MemoryLog log, Func<Task> beforeProof) : DelegatingSource(log)
    {
        public override async Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken)
        {
            await beforeProof();
            return await base.GetConsistencyProofAsync(register, fromSize, toSize, cancellationToken);
        }
    }
}
