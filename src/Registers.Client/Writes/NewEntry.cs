using Registers.Protocol.Entries;
using Registers.Protocol.Items;

namespace Registers.Client.Writes;

/// <summary>One entry to append: a key and its item (or items), with an optional timestamp, in the user log unless said otherwise.</summary>
/// <param name="Key">The entry key, e.g. <c>GB</c>.</param>
/// <param name="Items">The item or items, at least one, in canonical form.</param>
/// <param name="Timestamp">When the entry was made; the server's clock when null.</param>
/// <param name="Log">The log to append to: <see cref="EntryLog.User"/> for data, <see cref="EntryLog.System"/> for metadata.</param>
public sealed record NewEntry(string Key, IReadOnlyList<Item> Items, EntryTimestamp? Timestamp = null, EntryLog Log = EntryLog.User)
{
    /// <summary>An entry of one item.</summary>
    public NewEntry(string key, Item item, EntryTimestamp? timestamp = null, EntryLog log = EntryLog.User)
        : this(key, [item], timestamp, log)
    {
    }
}
