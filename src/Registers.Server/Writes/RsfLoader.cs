using System.IO.Pipelines;
using System.Threading.Channels;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Server.Writes;

/// <summary>
/// Loads an RSF stream into a register as one transaction: it appends the stream chunk by chunk (so
/// memory holds a few chunks, not the file), checks each <c>assert-root-hash</c> against the root
/// computed inside the transaction, and commits only if every line was good. Any problem rolls
/// everything back.
/// </summary>
internal sealed class RsfLoader(LogTransaction transaction, WriteClock clock, RulePolicy policy, bool byAdmin)
{
    /// <summary>Problems listed in full; beyond this they are only counted.</summary>
    private const int MaxListedProblems = 100;

    /// <summary>Chunks parsed ahead of the one being appended: enough to keep both busy, few enough to hold.</summary>
    private const int ChunksAhead = 2;

    private readonly List<EntryProblem> _warnings = [];

    // The chunk decided last, flushed while the next one is decided.
    private (WriteRequest Chunk, BatchDecision Decision)? _unflushed;

    /// <summary>Every problem found (at most <see cref="MaxListedProblems"/> listed).</summary>
    public List<EntryProblem> Problems { get; } = [];

    /// <summary>How many problems there were in all.</summary>
    public int ProblemCount { get; private set; }

    /// <summary>Whether the stream held no line at all.</summary>
    public bool WasEmpty { get; private set; } = true;

    /// <summary>Register rules broken but let through under <see cref="RulePolicy.Warn"/>.</summary>
    public IReadOnlyList<EntryProblem> Warnings => _warnings;

    /// <summary>Reads and appends the whole stream; true when the transaction may be committed.</summary>
    public async Task<bool> LoadAsync(PipeReader body, CancellationToken cancellation)
    {
        // Parsing and hashing the next chunks runs on another thread while this one waits on the database with the last.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var segments = Channel.CreateBounded<RsfSegment>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadAheadAsync(body, segments.Writer, stop.Token), stop.Token);
        try
        {
            var rolledBack = false;
            await foreach (var segment in segments.Reader.ReadAllAsync(cancellation))
            {
                WasEmpty = false;
                await ApplyAsync(segment, cancellation);

                // Refused from its first problem on: the rest is only read to list every bad line, and other writes need not wait for that.
                if (ProblemCount > 0 && !rolledBack)
                {
                    rolledBack = true;
                    await transaction.RollBackAsync(cancellation);
                }
            }

            if (ProblemCount == 0)
            {
                await FlushAsync(cancellation);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reading.ContinueWith(_ => { }, TaskScheduler.Default); // its fault, if any, reached the channel
        }

        return ProblemCount == 0;
    }

    private static async Task ReadAheadAsync(PipeReader body, ChannelWriter<RsfSegment> segments, CancellationToken cancellation)
    {
        try
        {
            await foreach (var segment in RsfChunks.ReadAsync(body, cancellation))
            {
                await segments.WriteAsync(segment, cancellation);
            }

            segments.Complete();
        }
        catch (Exception failure)
        {
            segments.Complete(failure);
        }
    }

    private async Task ApplyAsync(RsfSegment segment, CancellationToken cancellation)
    {
        switch (segment)
        {
            case RsfSegment.Chunk chunk:
                await AppendAsync(chunk, cancellation);
                break;
            case RsfSegment.Assertion assertion:
                CheckAssertion(assertion.Root, assertion.Line);
                break;
            case RsfSegment.Problem problem:
                Report(problem.Found);
                break;
        }
    }

    private async Task AppendAsync(RsfSegment.Chunk chunk, CancellationToken cancellation)
    {
        foreach (var entry in chunk.Entries.Where(entry => !byAdmin && entry.Log == EntryLog.System))
        {
            Report(new EntryProblem(null, entry.Line, entry.Key, "admin-only", WriteRequest.SystemLogIsTheAdmins));
        }

        // After the first problem, lines are still read (to report every bad one) but nothing more is appended.
        if (ProblemCount > 0)
        {
            return;
        }

        // Field definitions come as system entries: a chunk that may change them is flushed before the next is decided.
        if (_unflushed is { } definitions && definitions.Chunk.Entries.Any(entry => entry.Log == EntryLog.System))
        {
            await FlushAsync(cancellation);
        }

        var write = new WriteRequest([.. chunk.Entries], [.. chunk.Items], policy);
        var context = await transaction.ReadChunkContextAsync(write, _unflushed?.Chunk, chunk.CitedBeforeAdded, cancellation);

        // The database writes the chunk before this one while this thread decides this one.
        var before = _unflushed;
        _unflushed = null;
        var flushing = before is null ? Task.CompletedTask : Task.Run(() => transaction.FlushAsync(before.Value.Decision, cancellation), cancellation);
        BatchDecision decision;
        try
        {
            decision = BatchDecider.Decide(before?.Decision.Head ?? transaction.Head, context, write.Entries, write.Items, clock, policy);
        }
        finally
        {
            await flushing;
        }

        // Positions within a chunk mean nothing to the sender; the RSF line says where.
        foreach (var problem in decision.Problems)
        {
            Report(problem with { Entry = null });
        }

        _warnings.AddRange(decision.Warnings.Select(warning => warning with { Entry = null }));
        if (decision.Accepted)
        {
            _unflushed = (write, decision);
        }
    }

    private async Task FlushAsync(CancellationToken cancellation)
    {
        if (_unflushed is { } last)
        {
            _unflushed = null;
            await transaction.FlushAsync(last.Decision, cancellation);
        }
    }

    private void CheckAssertion(Digest asserted, long line)
    {
        var head = (_unflushed?.Decision.Head ?? transaction.Head).User;
        var computed = head.Root;
        if (ProblemCount == 0 && asserted != computed)
        {
            Report(new EntryProblem(null, line, "", "assert-root-hash",
                $"the file asserts root {asserted} after {head.Size} user entries, but they give {computed}"));
        }
    }

    private void Report(EntryProblem problem)
    {
        ProblemCount++;
        if (Problems.Count < MaxListedProblems)
        {
            Problems.Add(problem);
        }
    }
}
