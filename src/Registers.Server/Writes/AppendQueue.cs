using System.Collections.Concurrent;
using System.Threading.Channels;
using Marten;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Server.Checkpoints;

namespace Registers.Server.Writes;

/// <summary>
/// Group commit: appends to one register wait in that register's lane, and one writer per lane
/// takes everything waiting (up to a limit) into a single transaction. Each caller still gets its
/// own entry numbers, its own refusal if its write breaks a rule, and the checkpoint signed for the
/// head that includes its entries; under load the lock, the round trips and the commit are shared.
/// </summary>
public sealed class AppendQueue(IDocumentStore store, NpgsqlDataSource database, LogSigner signer, TimeProvider time, Hosting.ServerOptions options, Signatures.AdminKey admin,
    ILogger<AppendQueue> logger)
{
    private const int MaxWritesPerGroup = 256;
    private const int MaxEntriesPerGroup = 10_000;

    /// <summary>
    /// The item bytes after which a group takes no more writes: a group's items become one event, which PostgreSQL cannot
    /// store past 256 MB, and are held in memory until it commits (one write brings at most a JSON body's worth).
    /// </summary>
    internal const long MaxItemBytesPerGroup = 64 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<Lane>> _lanes = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues <paramref name="write"/> for <paramref name="register"/> and waits until it is committed or refused; a write whose
    /// <paramref name="abandoned"/> is cancelled (its client gone) before its group has the register's lock is dropped, unwritten.
    /// </summary>
    public Task<WriteOutcome> AppendAsync(string register, WriteRequest write, CancellationToken abandoned = default)
    {
        var pending = new Pending(write, new TaskCompletionSource<WriteOutcome>(TaskCreationOptions.RunContinuationsAsynchronously), abandoned);
        var lane = _lanes.GetOrAdd(register, name => new Lazy<Lane>(() => new Lane(name, DrainAsync))).Value;
        lane.Writes.Writer.TryWrite(pending);
        return pending.Outcome.Task;
    }

    /// <summary>The lane's writer: waits for writes, then commits everything waiting as one group.</summary>
    private async Task DrainAsync(Lane lane)
    {
        while (await lane.Writes.Reader.WaitToReadAsync())
        {
            var group = Take(lane.Writes.Reader);
            try
            {
                await CommitAsync(lane.Register, group);
            }
            catch (Exception failure) when (group.Count > 1 && IsTheWrites(failure))
            {
                // A write the rules let through still failed a statement, and with it the group: each write is committed
                // alone, so that the one at fault fails alone.
                logger.LogWarning(failure, "Group commit of {Count} writes to {Register} failed; committing them one by one", group.Count, lane.Register);
                foreach (var pending in group)
                {
                    await CommitAloneAsync(lane.Register, pending);
                }
            }
            catch (Exception failure)
            {
                Fail(lane.Register, group, failure);
            }
        }
    }

    private async Task CommitAloneAsync(string register, Pending pending)
    {
        try
        {
            await CommitAsync(register, [pending]);
        }
        catch (Exception failure)
        {
            Fail(register, [pending], failure);
        }
    }

    // Nothing of the group was committed; each caller learns so (and may retry with its idempotency key).
    private void Fail(string register, List<Pending> group, Exception failure)
    {
        logger.LogError(failure, "Commit of {Count} writes to {Register} failed", group.Count, register);
        foreach (var pending in group)
        {
            pending.Outcome.TrySetException(failure);
        }
    }

    /// <summary>Whether <paramref name="failure"/> may be one write's fault: not the database out of reach, nor the register's lock.</summary>
    private static bool IsTheWrites(Exception failure) =>
        Hosting.DatabaseUnavailable.ConnectionLost(failure) is null && !Hosting.RegisterBusy.Explains(failure);

    /// <summary>The writes waiting, up to a group's limits; at least one when any is waiting.</summary>
    internal static List<Pending> Take(ChannelReader<Pending> reader)
    {
        var group = new List<Pending>();
        var (entries, itemBytes) = (0, 0L);
        while (group.Count < MaxWritesPerGroup && entries < MaxEntriesPerGroup && itemBytes < MaxItemBytesPerGroup && reader.TryRead(out var pending))
        {
            group.Add(pending);
            entries += pending.Write.Entries.Count;
            itemBytes += pending.Write.Items.Sum(item => (long)item.Bytes.Length);
            if (pending.Write.Entries.Any(WriteRequest.IsCustodianKeyEntry))
            {
                break; // who may write changes: the writes after it are let in, or not, by what it commits
            }
        }

        return group;
    }

    private async Task CommitAsync(string register, List<Pending> group)
    {
        await using var transaction = await LogTransaction.OpenAsync(store, database, register, admin.Key, CancellationToken.None);
        if (transaction is null)
        {
            group.ForEach(pending => pending.Outcome.TrySetResult(new WriteOutcome.UnknownRegister(register)));
            return;
        }

        // A custodian key revoked since its write was let in writes nothing: a revocation ends its group (Take), so it was
        // committed by a group before this one.
        var allowed = new List<Pending>();
        foreach (var pending in group)
        {
            // Its client gave up while the group waited for the lock (behind a long load, or past its own timeout): nothing of it is
            // written yet, and nobody would learn that it was. A retry under its idempotency key is then a first write.
            if (pending.Abandoned.IsCancellationRequested)
            {
                pending.Outcome.TrySetCanceled(pending.Abandoned);
            }
            else if (await transaction.StillAllowsAsync(pending.Write, CancellationToken.None))
            {
                allowed.Add(pending);
            }
            else
            {
                pending.Outcome.TrySetResult(new WriteOutcome.RevokedMeanwhile(register, pending.Write.Signature!.KeyId));
            }
        }

        if (allowed.Count == 0)
        {
            return; // nothing to write: the transaction ends unwritten
        }

        var decisions = await transaction.AppendAsync([.. allowed.Select(pending => pending.Write)], WriteClock.Read(time, options), CancellationToken.None);
        var checkpoints = decisions.Any(decision => decision is WriteDecision.Accepted)
            ? await transaction.CommitAsync(signer, CancellationToken.None)
            : new Dictionary<EntryLog, string>();
        var outcomes = new WriteOutcome[allowed.Count];
        for (var i = 0; i < allowed.Count; i++)
        {
            outcomes[i] = decisions[i] switch
            {
                WriteDecision.Accepted accepted => new WriteOutcome.Committed(transaction.Head, EntryRange.Of(accepted.Batch), checkpoints, accepted.Batch.Warnings),
                WriteDecision.Refused refused => new WriteOutcome.Refused(refused.Batch.Problems, refused.Batch.Problems.Count),
                WriteDecision.Stale stale => new WriteOutcome.Stale(stale.Expected, stale.Actual),
                WriteDecision.Repeated repeated => new WriteOutcome.Repeated(register, repeated.Earlier),
                WriteDecision.SameAsEarlier twin => outcomes[twin.Index],
                WriteDecision.KeyReused reused => new WriteOutcome.KeyReused(reused.IdempotencyKey),
                var other => throw new InvalidOperationException($"Unexpected decision {other}."),
            };
            allowed[i].Outcome.TrySetResult(outcomes[i]);
        }
    }

    /// <summary>A write waiting in its register's lane, where its caller waits for the outcome, and whether the caller has gone.</summary>
    internal sealed record Pending(WriteRequest Write, TaskCompletionSource<WriteOutcome> Outcome, CancellationToken Abandoned = default);

    /// <summary>One register's queue and the one writer that drains it for the life of the server.</summary>
    private sealed class Lane
    {
        public Lane(string register, Func<Lane, Task> drain)
        {
            Register = register;
            _ = Task.Run(() => drain(this));
        }

        public string Register { get; }

        public Channel<Pending> Writes { get; } = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    }
}
