using Registers.Protocol.Entries;
using Registers.Protocol.Items;

namespace Registers.Client.Verification;

/// <summary>
/// A record whose items, entry and inclusion proof were checked against <see cref="Checkpoint"/>. It shows the entry is
/// in the signed log; that no later entry of the key exists up to that size is the server's word, which nothing here
/// checks (an older entry of the key verifies; <c>registers audit full</c> recomputes the log, not the records served).
/// </summary>
/// <param name="EntryNumber">The number of the record's entry.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Timestamp">When the entry was made.</param>
/// <param name="Items">The items, canonical JSON whose hashes the entry names.</param>
/// <param name="Checkpoint">The signed checkpoint the proof was checked against.</param>
public sealed record VerifiedRecord(long EntryNumber, string Key, EntryTimestamp Timestamp, IReadOnlyList<Item> Items, VerifiedCheckpoint Checkpoint)
{
    /// <summary>The value of a single-valued field of the first item, or null when it has none.</summary>
    public string? Field(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var document = System.Text.Json.JsonDocument.Parse(Items[0].Memory);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
            ? value.GetString()
            : null;
    }
}
