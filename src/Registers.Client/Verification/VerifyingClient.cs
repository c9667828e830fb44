using Registers.Client.Tracking;

namespace Registers.Client.Verification;

/// <summary>
/// Lookups that trust nothing the server says without proof. Every answer is checked against a checkpoint signed by the
/// pinned log key, and each checkpoint must extend the last one trusted (see <see cref="LogStateTracker"/>).
/// </summary>
/// <remarks>
/// Any failed check throws a <see cref="VerificationException"/> with the evidence. A server that cannot be reached or
/// answers with an error throws as <see cref="RegistersClient"/> does (<see cref="Problems.RegistersException"/>,
/// <see cref="HttpRequestException"/>). Thread-safe.
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
}
