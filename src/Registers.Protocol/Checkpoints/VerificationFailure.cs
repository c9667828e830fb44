namespace Registers.Protocol.Checkpoints;

/// <summary>Why a signed note or signed checkpoint was not accepted.</summary>
public enum VerificationFailure
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>The text is not a signed note; see the accompanying <see cref="NoteProblem"/>.</summary>
    MalformedNote,

    /// <summary>No signature from a known key: the text must be ignored.</summary>
    NoKnownSignature,

    /// <summary>A signature from a known key did not verify; the whole note is refused.</summary>
    InvalidSignature,

    /// <summary>Known keys signed, but not the log's own key (a cosignature alone vouches for nothing).</summary>
    MissingLogSignature,

    /// <summary>The signed text is not a checkpoint; see the accompanying <see cref="CheckpointProblem"/>.</summary>
    MalformedCheckpoint,

    /// <summary>The checkpoint is for another log than the one expected.</summary>
    WrongOrigin,
}
