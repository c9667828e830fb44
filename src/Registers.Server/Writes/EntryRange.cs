using Registers.Protocol.Entries;
using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>The entry numbers a write took in one log, first to last.</summary>
public readonly record struct EntryRange(long First, long Last)
{
    /// <summary>The ranges each log grew by from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyDictionary<EntryLog, EntryRange> Between(RegisterHead before, RegisterHead after) =>
        new[] { EntryLog.User, EntryLog.System }
            .Where(log => after.Log(log).Size > before.Log(log).Size)
            .ToDictionary(log => log, log => new EntryRange(before.Log(log).Size + 1, after.Log(log).Size));

    /// <summary>The ranges an accepted decision's batches take.</summary>
    public static IReadOnlyDictionary<EntryLog, EntryRange> Of(BatchDecision decision) =>
        decision.Events.OfType<EntriesAppended>()
            .ToDictionary(batch => batch.Log, batch => new EntryRange(batch.FirstNumber, batch.FirstNumber + batch.Entries.Count - 1));
}
