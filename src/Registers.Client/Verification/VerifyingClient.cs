using Registers.Client.Tracking;

namespace Registers.Client.Verification;

/// <summary>
/// Lookups that trust nothing the server says without proof. Every answer is checked against a checkpoint signed by the
/// pinned log key, and each checkpoint must extend the last one trusted (see <see cref="LogStateTracker"/>).
/// </summary>
/// <remarks>
/// Any failed check throws a <see cref="VerificationException"/> with the evidence. Otherwise a lookup throws as
/// <see cref="RegistersClient"/> does: <see cref="Problems.RegistersException"/> for an error the server answers with,
/// <see cref="Problems.NotARegisterServerException"/> for an answer no register server gives (a wrong address),
/// <see cref="HttpRequestException"/> when the server cannot be reached, and <see cref="OperationCanceledException"/> on a
/// timeout or a cancelled token. Thread-safe.
/// </remarks>
public sealed class VerifyingClient
{
    private readonly IRegisterSource _source;

    /// <summary>A client over <paramref name="source"/> (usually a <see cref="RegistersClient"/>) checking with <paramref name="trust"/>.</summary>
    /// <param name="source">Where records, proofs and checkpoints come from.</param>
    /// <param name="trust">The pinned log key.</param>
    /// <param name="store">Where the last trusted checkpoints are kept (memory when null).</param>
    public VerifyingClient(IRegisterSource source, CheckpointTrust trust, ILogStateStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        Tracker = new LogStateTracker(source, trust, store);
    }

    /// <summary>The tracker of the checkpoints this client trusts.</summary>
    public LogStateTracker Tracker { get; }

    /// <summary>The latest checkpoint of <paramref name="register"/>, its signature checked and its consistency with the last one trusted.</summary>
    /// <exception cref="VerificationException">The checkpoint is not signed by the pinned key, or does not extend the trusted one.</exception>
    /// <exception cref="Problems.RegistersException">The server answered with an error (no such register, ...).</exception>
    /// <exception cref="Problems.NotARegisterServerException">The answer is no register server's (a web page, a wrong address).</exception>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    /// <exception cref="OperationCanceledException">The request timed out, or <paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<VerifiedCheckpoint> GetVerifiedCheckpointAsync(string register, CancellationToken cancellationToken = default) =>
        Tracker.UpdateAsync(register, cancellationToken);

    /// <summary>
    /// The record of <paramref name="key"/> with the checkpoint it was checked against: the checkpoint's signature and
    /// consistency, the items' hashes, the entry's leaf and its inclusion proof. Null when the register holds no such record
    /// (the server's word: absence is not proved).
    /// </summary>
    /// <exception cref="VerificationException">A check failed; it says which, with the evidence.</exception>
    /// <exception cref="Problems.RegistersException">The server answered with an error (no such register, ...).</exception>
    /// <exception cref="Problems.NotARegisterServerException">The answer is no register server's (a web page, a wrong address).</exception>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    /// <exception cref="OperationCanceledException">The request timed out, or <paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<VerifiedRecord?> GetVerifiedRecordAsync(string register, string key, CancellationToken cancellationToken = default)
    {
        var checkpoint = await Tracker.UpdateAsync(register, cancellationToken).ConfigureAwait(false);
        if (checkpoint.Size == 0)
        {
            return null;
        }

        // Read as of the checkpoint's size, so the record, the proof and the checkpoint are of one tree.
        var record = await _source.GetRecordAsync(register, key, checkpoint.Size, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (record.TreeSize is { } at && at != checkpoint.Size || record.Key != key || record.EntryNumber is < 1 || record.EntryNumber > checkpoint.Size)
        {
            throw new VerificationException(VerificationProblem.WrongAnswer, register, "The server answered with a record of another tree or key.",
                $"'{key}' at tree size {checkpoint.Size}", $"'{record.Key}' (entry {record.EntryNumber}) at tree size {record.TreeSize}")
            {
                TrustedCheckpoint = checkpoint.SignedNote,
            };
        }

        var entry = _source.GetEntryAsync(register, record.EntryNumber, cancellationToken);
        var proof = _source.GetInclusionProofAsync(register, record.EntryNumber, checkpoint.Size, cancellationToken);
        await Task.WhenAll(entry, proof).ConfigureAwait(false);
        return RecordProof.Verify(checkpoint, record, await entry.ConfigureAwait(false), await proof.ConfigureAwait(false));
    }
    /// <summary>
    /// Every entry of <paramref name="key"/> made by the latest checkpoint, oldest first, each checked as a record is: its
    /// items' hashes, its leaf, and its inclusion proof in that checkpoint's tree. Empty when the register holds no such key
    /// (the server's word). Each entry listed is proved to be in the log; that the list leaves none out is the server's word.
    /// </summary>
    /// <exception cref="VerificationException">A check failed; it says which, with the evidence.</exception>
    /// <exception cref="Problems.RegistersException">The server answered with an error (no such register, ...).</exception>
    /// <exception cref="Problems.NotARegisterServerException">The answer is no register server's (a web page, a wrong address).</exception>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    /// <exception cref="OperationCanceledException">The request timed out, or <paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<VerifiedRecord>> GetVerifiedHistoryAsync(string register, string key, CancellationToken cancellationToken = default)
    {
        var checkpoint = await Tracker.UpdateAsync(register, cancellationToken).ConfigureAwait(false);
        if (checkpoint.Size == 0)
        {
            return [];
        }

        var history = await _source.GetRecordHistoryAsync(register, key, checkpoint.Size, cancellationToken).ConfigureAwait(false);
        var previous = 0L;
        foreach (var entry in history)
        {
            if (entry.Key != key || entry.Number <= previous || entry.Number > checkpoint.Size)
            {
                throw WrongHistory(register, checkpoint, $"entries of '{key}' in order, none past {checkpoint.Size}", $"'{entry.Key}' (entry {entry.Number}) after entry {previous}");
            }

            previous = entry.Number;
        }

        var verified = new VerifiedRecord[history.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = HistoryRequests, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, history.Count), parallel, async (i, token) =>
        {
            var entry = history[i];
            // As of its own entry, the key's record is that entry: the items it cites, as the server serves them.
            var items = _source.GetRecordAsync(register, key, entry.Number, token);
            var proof = _source.GetInclusionProofAsync(register, entry.Number, checkpoint.Size, token);
            var record = await items.ConfigureAwait(false);
            if (record is null || record.EntryNumber != entry.Number || record.Key != key)
            {
                throw WrongHistory(register, checkpoint, $"the record of '{key}' at tree size {entry.Number}: entry {entry.Number}", record is null ? "none" : $"'{record.Key}' (entry {record.EntryNumber})");
            }

            // What is proved is the entry's place in the checkpoint's tree, not that it was the key's latest at that size.
            verified[i] = RecordProof.Verify(checkpoint, record with { TreeSize = null }, entry, await proof.ConfigureAwait(false));
        }).ConfigureAwait(false);
        return verified;
    }

    // Requests at once for a history's entries: enough to hide latency, few enough to spare the server.
    private const int HistoryRequests = 8;

    private static VerificationException WrongHistory(string register, VerifiedCheckpoint checkpoint, string expected, string actual) =>
        new(VerificationProblem.WrongAnswer, register, "The server answered with a history of another key, out of order, or past the checkpoint.", expected, actual)
        {
            TrustedCheckpoint = checkpoint.SignedNote,
        };
}
