using Registers.Protocol.Entries;
using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>How a write ended.</summary>
public abstract record WriteOutcome
{
    private WriteOutcome()
    {
    }

    /// <summary>Committed: the register's new head and the checkpoints signed for it.</summary>
    /// <param name="Before">The head before the write (its sizes tell which entry numbers the write took).</param>
    /// <param name="Head">The head after.</param>
    /// <param name="Checkpoints">The signed checkpoint of each log that grew.</param>
    /// <param name="Warnings">Register rules broken but let through (only when asked to warn).</param>
    public sealed record Committed(RegisterHead Before, RegisterHead Head, IReadOnlyDictionary<EntryLog, string> Checkpoints, IReadOnlyList<EntryProblem> Warnings) : WriteOutcome;

    /// <summary>Nothing was written: the batch broke these rules.</summary>
    /// <param name="Problems">The problems (the first ones, when there were very many).</param>
    /// <param name="Count">How many problems there were in all.</param>
    public sealed record Refused(IReadOnlyList<EntryProblem> Problems, int Count) : WriteOutcome;

    /// <summary>Nothing was written: the request itself is not a valid write.</summary>
    public sealed record Invalid(IReadOnlyList<string> Problems) : WriteOutcome;

    /// <summary>No register has that name.</summary>
    public sealed record UnknownRegister(string Name) : WriteOutcome;

    /// <summary>A register with that name already exists.</summary>
    public sealed record AlreadyExists(string Name) : WriteOutcome;
}
