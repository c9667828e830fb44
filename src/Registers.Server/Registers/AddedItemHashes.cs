using System.Runtime.CompilerServices;
using System.Text;
using Registers.Protocol.Items;

namespace Registers.Server.Registers;

/// <summary>
/// The hashes of an <see cref="ItemsAdded"/> event's items, in order. The decider has them when it makes the event, and
/// the projection would otherwise hash every item again inside the write; an event read back from storage is hashed anew.
/// </summary>
internal static class AddedItemHashes
{
    private static readonly ConditionalWeakTable<ItemsAdded, byte[][]> Known = [];

    /// <summary>Notes the hashes of <paramref name="added"/>'s items (computed by whoever made it) and returns the event.</summary>
    public static ItemsAdded Remember(ItemsAdded added, byte[][] hashes)
    {
        Known.AddOrUpdate(added, hashes);
        return added;
    }

    /// <summary>The hashes of <paramref name="added"/>'s items, as noted or derived.</summary>
    public static byte[][] Of(ItemsAdded added) =>
        Known.GetValue(added, static added => [.. added.Items.Select(item => Item.HashOf(Encoding.UTF8.GetBytes(item)).ToArray())]);
}
