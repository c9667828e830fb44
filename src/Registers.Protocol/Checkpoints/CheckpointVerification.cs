using System.Diagnostics.CodeAnalysis;

namespace Registers.Protocol.Checkpoints;

/// <summary>What verifying a signed checkpoint found.</summary>
public sealed class CheckpointVerification
{
    private CheckpointVerification(
        VerificationFailure failure,
        NoteVerification note,
        CheckpointProblem problem,
        Checkpoint? checkpoint,
        IReadOnlyList<VerifiedSignature> cosignatures)
    {
        Failure = failure;
        Note = note;
        CheckpointProblem = problem;
        Checkpoint = checkpoint;
        Cosignatures = cosignatures;
    }

    /// <summary>True when the log's key signed, no known signature failed, and the checkpoint is for the expected log.</summary>
    [MemberNotNullWhen(true, nameof(Checkpoint))]
    public bool IsVerified => Failure == VerificationFailure.None;

    /// <summary>Why the checkpoint was refused, or <see cref="VerificationFailure.None"/>.</summary>
    public VerificationFailure Failure { get; }

    /// <summary>The verification of the note's signatures, with the malformed-note reason or the rejected key.</summary>
    public NoteVerification Note { get; }

    /// <summary>For <see cref="VerificationFailure.MalformedCheckpoint"/>, what is wrong with the text.</summary>
    public CheckpointProblem CheckpointProblem { get; }

    /// <summary>The checkpoint, when verified.</summary>
    public Checkpoint? Checkpoint { get; }

    /// <summary>Verified signatures by known keys other than the log's (witness cosignatures).</summary>
    public IReadOnlyList<VerifiedSignature> Cosignatures { get; }

    /// <summary>A one-line account, for logs and error messages.</summary>
    public override string ToString() => Failure switch
    {
        VerificationFailure.None => $"checkpoint {Checkpoint!.Origin} at size {Checkpoint.Size}, {Cosignatures.Count} cosignature(s)",
        VerificationFailure.MalformedCheckpoint => $"{Errors.Describe(Failure)}: {Errors.Describe(CheckpointProblem)}",
        _ when Note.Failure == Failure => Note.ToString(),
        _ => Errors.Describe(Failure),
    };

    internal static CheckpointVerification Refused(VerificationFailure failure, NoteVerification note, CheckpointProblem problem = CheckpointProblem.None) =>
        new(failure, note, problem, null, []);

    internal static CheckpointVerification Accepted(NoteVerification note, Checkpoint checkpoint, IReadOnlyList<VerifiedSignature> cosignatures) =>
        new(VerificationFailure.None, note, CheckpointProblem.None, checkpoint, cosignatures);
}
