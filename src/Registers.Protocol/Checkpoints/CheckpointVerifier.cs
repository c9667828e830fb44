using System.Diagnostics.CodeAnalysis;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// Parses and verifies a signed checkpoint of one log in one step: what auditors and the client do
/// with each checkpoint the server hands out.
/// </summary>
/// <remarks>
/// The order follows the specs: signatures first (the text means nothing until a trusted key has
/// signed it), then the log's own signature must be among them, then the text must be a checkpoint
/// for the expected origin. Cosigner keys are optional; how many cosignatures to require is the
/// caller's policy, so they are reported rather than counted.
/// </remarks>
public sealed class CheckpointVerifier
{
    private readonly NoteVerifier _verifier;

    /// <summary>A verifier for the log <paramref name="origin"/> signing with <paramref name="logKey"/>.</summary>
    /// <param name="origin">The origin line the checkpoints must carry.</param>
    /// <param name="logKey">The log's Ed25519 note key. Its name should be the origin, but need not be.</param>
    /// <param name="cosigners">Witness keys whose cosignatures are checked and reported.</param>
    /// <exception cref="ArgumentException">
    /// The origin is empty; the log key is a cosignature key; or two keys share a name and key ID.
    /// </exception>
    public CheckpointVerifier(string origin, VerifierKey logKey, IEnumerable<VerifierKey>? cosigners = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentNullException.ThrowIfNull(logKey);
        if (logKey.Type != SignatureType.Ed25519)
        {
            throw Errors.Argument(nameof(logKey), "A log signs its checkpoints with an Ed25519 note key.");
        }

        Origin = origin;
        LogKey = logKey;
        _verifier = new NoteVerifier([logKey, .. cosigners ?? []]);
    }

    /// <summary>The origin the checkpoints must carry.</summary>
    public string Origin { get; }

    /// <summary>The log's key.</summary>
    public VerifierKey LogKey { get; }

    /// <summary>Verifies a signed checkpoint given as UTF-8 bytes.</summary>
    public CheckpointVerification Verify(ReadOnlySpan<byte> utf8) => Check(_verifier.Verify(utf8));

    /// <summary>Verifies a signed checkpoint given as a string.</summary>
    public CheckpointVerification Verify(string signedCheckpoint)
    {
        ArgumentNullException.ThrowIfNull(signedCheckpoint);
        return Check(_verifier.Verify(signedCheckpoint));
    }

    /// <summary>Verifies a signed checkpoint, returning only the checkpoint.</summary>
    public bool TryVerify(string signedCheckpoint, [NotNullWhen(true)] out Checkpoint? checkpoint)
    {
        checkpoint = Verify(signedCheckpoint).Checkpoint;
        return checkpoint is not null;
    }

    private CheckpointVerification Check(NoteVerification note)
    {
        if (!note.IsVerified)
        {
            return CheckpointVerification.Refused(note.Failure, note);
        }

        if (!note.Verified.Any(v => v.Key.Equals(LogKey)))
        {
            return CheckpointVerification.Refused(VerificationFailure.MissingLogSignature, note);
        }

        if (!Checkpoint.TryParse(note.Note.Text, out var checkpoint, out var problem))
        {
            return CheckpointVerification.Refused(VerificationFailure.MalformedCheckpoint, note, problem);
        }

        if (checkpoint.Origin != Origin)
        {
            return CheckpointVerification.Refused(VerificationFailure.WrongOrigin, note);
        }

        return CheckpointVerification.Accepted(note, checkpoint, [.. note.Verified.Where(v => !v.Key.Equals(LogKey))]);
    }
}
