using System.Diagnostics.CodeAnalysis;

namespace Registers.Protocol.Checkpoints;

/// <summary>A signature that verified, with the key that made it.</summary>
/// <param name="Key">The known key that verified the signature.</param>
/// <param name="Signature">The signature line.</param>
/// <param name="Timestamp">For a cosignature, the time the cosigner stated (Unix seconds); otherwise null.</param>
public sealed record VerifiedSignature(VerifierKey Key, NoteSignature Signature, long? Timestamp);

/// <summary>
/// What verifying a signed note found: whether it is accepted, why not, and which keys signed it.
/// </summary>
public sealed class NoteVerification
{
    private NoteVerification(
        VerificationFailure failure,
        NoteProblem problem,
        SignedNote? note,
        VerifierKey? rejectedKey,
        IReadOnlyList<VerifiedSignature> verified,
        IReadOnlyList<NoteSignature> unknown)
    {
        Failure = failure;
        NoteProblem = problem;
        Note = note;
        RejectedKey = rejectedKey;
        Verified = verified;
        Unknown = unknown;
    }

    /// <summary>True when at least one known key signed and no known key's signature failed.</summary>
    [MemberNotNullWhen(true, nameof(Note))]
    public bool IsVerified => Failure == VerificationFailure.None;

    /// <summary>Why the note was refused, or <see cref="VerificationFailure.None"/>.</summary>
    public VerificationFailure Failure { get; }

    /// <summary>For <see cref="VerificationFailure.MalformedNote"/>, what is wrong with the text.</summary>
    public NoteProblem NoteProblem { get; }

    /// <summary>The parsed note, unless it was malformed. Its text is trustworthy only when <see cref="IsVerified"/>.</summary>
    public SignedNote? Note { get; }

    /// <summary>For <see cref="VerificationFailure.InvalidSignature"/>, the known key whose signature failed.</summary>
    public VerifierKey? RejectedKey { get; }

    /// <summary>The signatures that verified, in note order; empty unless <see cref="IsVerified"/>.</summary>
    public IReadOnlyList<VerifiedSignature> Verified { get; }

    /// <summary>Signatures by keys not known to the verifier, which were ignored; empty when a known key's signature failed.</summary>
    public IReadOnlyList<NoteSignature> Unknown { get; }

    /// <summary>A one-line account, for logs and error messages.</summary>
    public override string ToString() => Failure switch
    {
        VerificationFailure.None => $"verified by {string.Join(", ", Verified.Select(v => v.Key.Name))}",
        VerificationFailure.MalformedNote => $"{Errors.Describe(Failure)}: {Errors.Describe(NoteProblem)}",
        VerificationFailure.InvalidSignature => $"{Errors.Describe(Failure)}: {RejectedKey}",
        _ => Errors.Describe(Failure),
    };

    internal static NoteVerification Malformed(NoteProblem problem) =>
        new(VerificationFailure.MalformedNote, problem, null, null, [], []);

    internal static NoteVerification Rejected(SignedNote note, VerifierKey key) =>
        new(VerificationFailure.InvalidSignature, NoteProblem.None, note, key, [], []);

    internal static NoteVerification Checked(SignedNote note, IReadOnlyList<VerifiedSignature> verified, IReadOnlyList<NoteSignature> unknown) =>
        verified.Count == 0
            ? new(VerificationFailure.NoKnownSignature, NoteProblem.None, note, null, [], unknown)
            : new(VerificationFailure.None, NoteProblem.None, note, null, verified, unknown);
}
