namespace Registers.Client.Verification;

/// <summary>What a <see cref="VerificationException"/> found wrong.</summary>
public enum VerificationProblem
{
    /// <summary>The checkpoint (a signed note) is not signed by the pinned log key, is not for this register's origin, or is not a checkpoint.</summary>
    CheckpointSignature,

    /// <summary>The server answered with a checkpoint, record or entry of another size, number or key than the one asked for.</summary>
    WrongAnswer,

    /// <summary>An answer could not be read: not the JSON, hash, item or signed note the protocol defines.</summary>
    MalformedAnswer,

    /// <summary>An item's SHA-256 is not the hash its entry names: the server served another item.</summary>
    ItemHash,

    /// <summary>The record does not say what its entry says (key, number, timestamp).</summary>
    EntryMismatch,

    /// <summary>The entry's inclusion proof does not lead to the checkpoint's root.</summary>
    InclusionProof,

    /// <summary>A newer checkpoint does not extend the one trusted before: the log was rewritten, or the proof is false.</summary>
    Inconsistent,

    /// <summary>A newer checkpoint is of a smaller tree than the one trusted before: the log was rolled back.</summary>
    RolledBack,

    /// <summary>
    /// The register's downloaded contents do not recompute to the signed checkpoint (items, leaves, chain or root), or a
    /// checkpoint of the empty tree signs another root than the empty tree's, which no contents recompute to.
    /// </summary>
    ContentsMismatch,

    /// <summary>
    /// The server signed a newer checkpoint but refused the consistency proof from the trusted one (a 4xx answer other than
    /// 408 or 429): a log that extends the trusted tree can always prove it, so a refusal is no outage to wait out.
    /// </summary>
    ProofRefused,
}
