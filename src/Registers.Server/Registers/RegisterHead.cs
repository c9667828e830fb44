using Registers.Protocol.Entries;

namespace Registers.Server.Registers;

/// <summary>
/// The head of a register: the state of both its logs. Marten keeps it as an inline snapshot of the
/// register's event stream, and loads it under an exclusive lock for every write.
/// </summary>
/// <param name="Id">The register's name (the stream key).</param>
/// <param name="User">The user log: the register's records; its tree is the one GOV.UK roots describe.</param>
/// <param name="System">The system log: the register's metadata (name, custodian, fields), with its own tree.</param>
public sealed record RegisterHead(string Id, LogHead User, LogHead System)
{
    /// <summary>The head of a newly created register.</summary>
    public static RegisterHead Create(RegisterCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return new RegisterHead(created.Name, LogHead.Empty, LogHead.Empty);
    }

    /// <summary>The head of <paramref name="log"/>.</summary>
    public LogHead Log(EntryLog log) => log == EntryLog.User ? User : System;

    /// <summary>Items do not move the head.</summary>
    public RegisterHead Apply(ItemsAdded added) => this;

    /// <summary>The head after a batch of entries.</summary>
    public RegisterHead Apply(EntriesAppended batch) => Extend(batch, BatchHashes.Of(batch));

    /// <summary>The head after a batch whose hashes the caller already computed (not named Apply: Marten takes those as event handlers).</summary>
    public RegisterHead Extend(EntriesAppended batch, BatchHashes hashes)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var extended = Log(batch.Log).Extend(batch, hashes);
        return batch.Log == EntryLog.User ? this with { User = extended } : this with { System = extended };
    }
}
