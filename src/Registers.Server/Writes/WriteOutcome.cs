using Registers.Protocol.Entries;
using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>How a write ended.</summary>
public abstract record WriteOutcome
{
    private WriteOutcome()
    {
    }

    /// <summary>Committed: the entry numbers the write took, and the checkpoints signed for the head that includes them.</summary>
    /// <param name="Head">The head the write was committed in (writes committed together share it).</param>
    /// <param name="Appended">The entry numbers this write took, per log.</param>
    /// <param name="Checkpoints">The signed checkpoint of each log that grew, at the size of <paramref name="Head"/>.</param>
    /// <param name="Warnings">Register rules broken but let through (only when asked to warn).</param>
    public sealed record Committed(
        RegisterHead Head,
        IReadOnlyDictionary<EntryLog, EntryRange> Appended,
        IReadOnlyDictionary<EntryLog, string> Checkpoints,
        IReadOnlyList<EntryProblem> Warnings) : WriteOutcome;

    /// <summary>Nothing was written: the batch broke these rules.</summary>
    /// <param name="Problems">The problems (the first ones, when there were very many).</param>
    /// <param name="Count">How many problems there were in all.</param>
    public sealed record Refused(IReadOnlyList<EntryProblem> Problems, int Count) : WriteOutcome;

    /// <summary>Nothing was written: the write stated the size it extends, and the log has another.</summary>
    public sealed record Stale(long Expected, long Actual) : WriteOutcome;

    /// <summary>Nothing was written again: the signer committed a write with the same idempotency key before.</summary>
    public sealed record Repeated(string Register, StoredWrite Earlier) : WriteOutcome;

    /// <summary>Nothing was written: the signer used the idempotency key before for a write with another body.</summary>
    public sealed record KeyReused(string IdempotencyKey) : WriteOutcome;

    /// <summary>Nothing was written: the request itself is not a valid write.</summary>
    public sealed record Invalid(IReadOnlyList<string> Problems) : WriteOutcome;

    /// <summary>No register has that name.</summary>
    public sealed record UnknownRegister(string Name) : WriteOutcome;

    /// <summary>A register with that name already exists.</summary>
    public sealed record AlreadyExists(string Name) : WriteOutcome;

    /// <summary>Nothing was written: the signing custodian key was revoked for the register after the write arrived, before it was applied.</summary>
    public sealed record RevokedMeanwhile(string Register, string KeyId) : WriteOutcome;
}
