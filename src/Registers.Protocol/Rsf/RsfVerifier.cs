using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf.Checks;
using Registers.Protocol.Rsf.Pipeline;

namespace Registers.Protocol.Rsf;

/// <summary>How far a verification has read.</summary>
/// <param name="Lines">Lines read.</param>
/// <param name="Bytes">Bytes of input consumed.</param>
public readonly record struct RsfProgress(long Lines, long Bytes);

/// <summary>How <see cref="RsfVerifier"/> reads and reports.</summary>
public sealed record RsfVerifyOptions
{
    /// <summary>The longest line accepted (see <see cref="RsfReaderOptions.MaxLineLength"/>).</summary>
    public int MaxLineLength { get; init; } = RsfReaderOptions.DefaultMaxLineLength;

    /// <summary>How many errors, and separately how many warnings, are kept to show; all are counted.</summary>
    public int MaxProblemsKept { get; init; } = 100;

    /// <summary>Progress is reported after every this many lines (and once at the end).</summary>
    public int ProgressInterval { get; init; } = 1 << 16;

    /// <summary>The memory the item and repeat checks may hold before they go on in temporary files (see <see cref="RsfReplay"/>).</summary>
    public long MemoryBudget { get; init; } = RsfReplay.DefaultMemoryBudget;
}

/// <summary>What replaying a whole RSF file showed.</summary>
public sealed record RsfVerification
{
    /// <summary>Lines read.</summary>
    public required long Lines { get; init; }

    /// <summary>Distinct items added.</summary>
    public required long Items { get; init; }

    /// <summary>Entries in the user log.</summary>
    public required ulong UserEntries { get; init; }

    /// <summary>Entries in the system log.</summary>
    public required ulong SystemEntries { get; init; }

    /// <summary>The RFC 6962 root of the user log, the root GOV.UK published.</summary>
    public required Digest UserRoot { get; init; }

    /// <summary>The RFC 6962 root of the system log.</summary>
    public required Digest SystemRoot { get; init; }

    /// <summary>The chain hash of the last user entry.</summary>
    public required Digest UserChainHash { get; init; }

    /// <summary>The chain hash of the last system entry.</summary>
    public required Digest SystemChainHash { get; init; }

    /// <summary>All errors found.</summary>
    public required long ErrorCount { get; init; }

    /// <summary>All warnings found.</summary>
    public required long WarningCount { get; init; }

    /// <summary>The first errors, in the order found (at most <see cref="RsfVerifyOptions.MaxProblemsKept"/>).</summary>
    public required IReadOnlyList<RsfProblem> Errors { get; init; }

    /// <summary>The first warnings, in the order found (at most <see cref="RsfVerifyOptions.MaxProblemsKept"/>).</summary>
    public required IReadOnlyList<RsfProblem> Warnings { get; init; }

    /// <summary>No errors: every line is a well-formed command, every reference holds and every assertion holds.</summary>
    public bool IsValid => ErrorCount == 0;
}

/// <summary>Reads and replays a whole RSF file offline: the check behind <c>registers verify</c>.</summary>
/// <remarks>
/// Lines are read, parsed and hashed on a thread of their own a few thousand lines ahead of the replay, which runs on the
/// calling thread (progress is reported there too). Memory does not grow with the file: see <see cref="RsfReplay"/>.
/// </remarks>
public static class RsfVerifier
{
    /// <summary>Replays <paramref name="rsf"/> to its end (the stream is left open).</summary>
    /// <param name="rsf">The RSF, UTF-8.</param>
    /// <param name="options">Limits and reporting; defaults when null.</param>
    /// <param name="progress">Told how far the replay has read, now and then.</param>
    /// <param name="cancellationToken">Stops the replay between lines.</param>
    /// <exception cref="IOException">The stream, or a temporary file of the checks, failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static RsfVerification Verify(
        Stream rsf, RsfVerifyOptions? options = null, IProgress<RsfProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new RsfVerifyOptions();
        var kept = new KeptProblems(options.MaxProblemsKept);
        using var replay = new RsfReplay(LogHead.Empty, LogHead.Empty, options.MemoryBudget);
        using var reader = new RsfReader(rsf, new RsfReaderOptions { MaxLineLength = options.MaxLineLength }, leaveOpen: true);
        using var ahead = new ParseAhead(reader, firstUser: 1, firstSystem: 1, cancellationToken);
        long nextReport = options.ProgressInterval;
        while (ahead.TryTake(out var chunk))
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                ref readonly var line = ref chunk[i];
                var problems = Apply(replay, chunk, line);
                if (!problems.IsEmpty)
                {
                    kept.Keep(problems);
                }

                if (line.Line == nextReport)
                {
                    nextReport += options.ProgressInterval;
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new RsfProgress(line.Line, line.BytesConsumed));
                }
            }

            ahead.Return(chunk);
        }

        replay.FinishInto(kept);
        progress?.Report(new RsfProgress(ahead.Lines, ahead.Bytes));
        return new RsfVerification
        {
            Lines = ahead.Lines,
            Items = replay.Items,
            UserEntries = replay.Entries(EntryLog.User),
            SystemEntries = replay.Entries(EntryLog.System),
            UserRoot = replay.Root(EntryLog.User),
            SystemRoot = replay.Root(EntryLog.System),
            UserChainHash = replay.ChainHash(EntryLog.User),
            SystemChainHash = replay.ChainHash(EntryLog.System),
            ErrorCount = kept.ErrorCount,
            WarningCount = kept.WarningCount,
            Errors = kept.Errors(),
            Warnings = kept.Warnings(),
        };
    }

    private static ReadOnlySpan<RsfProblem> Apply(RsfReplay replay, ParsedChunk chunk, in ParsedLine line) => line.Kind switch
    {
        RsfCommandKind.AddItem => replay.AddItem(line.Hash, line.Line),
        RsfCommandKind.AppendEntry => replay.AppendEntry(line.Log, chunk.Key(line), line.Timestamp, chunk.Hashes(line), line.Line, line.Number, line.Hash),
        RsfCommandKind.AssertRootHash => replay.AssertRootHash(line.Hash, line.Line),
        _ => replay.Malformed(line.Problem!),
    };
}
