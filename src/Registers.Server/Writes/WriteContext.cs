using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Server.Signatures;

namespace Registers.Server.Writes;

/// <summary>
/// What a batch is decided against, read from storage under the register's lock: the fields in
/// force, the current record of every key the batch touches, and the items its entries cite.
/// </summary>
/// <param name="Register">The register's name.</param>
/// <param name="Fields">The field definitions in force (the current record of each <c>field:*</c> key).</param>
/// <param name="Records">The current item hashes of each (log, key) the batch touches that has a record.</param>
/// <param name="Items">
/// Every item the batch's entries cite, whether new in the batch or stored before, and the current item of each
/// custodian key the batch changes.
/// </param>
public sealed record WriteContext(
    string Register,
    IReadOnlyList<FieldDefinition> Fields,
    IReadOnlyDictionary<(EntryLog Log, string Key), Digest[]> Records,
    IReadOnlyDictionary<Digest, Item> Items)
{
    /// <summary>
    /// What other registers list under the entry keys (<c>custodian-key:&lt;key id&gt;</c>) of the custodian-key entries
    /// the batch makes: a key id must name one key, wherever it is listed.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CustodianKeyGrant>> GrantsElsewhere { get; init; } =
        new Dictionary<string, IReadOnlyList<CustodianKeyGrant>>();

    /// <summary>
    /// The admin key, whose key id no custodian key may take: it writes everywhere, so a request under its key id must be
    /// its own, and the key itself listed as a custodian key would be revoked in the log while it still writes.
    /// </summary>
    public VerifierKey? AdminKey { get; init; }

    /// <summary>
    /// Items of <see cref="Items"/> that storage did not hold and that the batch adds only after an entry cites them (an
    /// RSF load), by the line of the add: an entry on an earlier line cites an item not yet in the register.
    /// </summary>
    public IReadOnlyDictionary<Digest, long> AddedAfterCited { get; init; } = new Dictionary<Digest, long>();

    /// <summary>
    /// The context for the next write of a group, once <paramref name="accepted"/> is in: its entries are the records now,
    /// and the fields it defined (as the rules read a definition: by what its item defines) are in force.
    /// </summary>
    public WriteContext After(IReadOnlyList<ProposedEntry> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var records = new Dictionary<(EntryLog Log, string Key), Digest[]>(Records);
        // Not ToDictionary: history loaded leniently may hold two definitions of one name (one under another field's key).
        var fields = new Dictionary<string, FieldDefinition>();
        foreach (var field in Fields)
        {
            fields[field.Name] = field;
        }

        foreach (var entry in accepted)
        {
            records[(entry.Log, entry.Key)] = [.. entry.ItemHashes];
            if (entry.Log == EntryLog.System && entry.Key.StartsWith(FieldDefinition.KeyPrefix, StringComparison.Ordinal)
                && entry.ItemHashes is [var hash] && Items.TryGetValue(hash, out var item) && FieldDefinition.TryParse(item, null, out var defined, out _))
            {
                fields[defined.Name] = defined;
            }
        }

        return this with { Records = records, Fields = [.. fields.Values] };
    }
}
