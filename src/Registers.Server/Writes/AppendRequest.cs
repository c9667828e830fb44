using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Protocol.Json;

namespace Registers.Server.Writes;

/// <summary>A batch of entries to append, as JSON: each entry a key and its item (or items).</summary>
/// <param name="Entries">The entries, in the order they are to be numbered.</param>
public sealed record AppendRequest(IReadOnlyList<AppendRequestEntry> Entries)
{
    /// <summary>
    /// Members the body has besides <c>entries</c>, each refused: a member the server does not take would otherwise be
    /// dropped unseen, and a write done otherwise than its sender meant.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    /// <summary>The entries as proposals, their items canonicalised, or why the request is not valid.</summary>
    public (IReadOnlyList<ProposedEntry> Entries, IReadOnlyList<Item> Items, IReadOnlyList<string> Problems) ToProposals()
    {
        var problems = new List<string>();
        var proposals = new List<ProposedEntry>();
        var items = new List<Item>();
        problems.AddRange((Unknown ?? []).Keys.Select(name => $"{name}: the body takes only 'entries'"));
        if (Entries is null || Entries.Count == 0)
        {
            return ([], [], [.. problems, "entries: at least one entry is needed"]);
        }

        for (var index = 0; index < Entries.Count; index++)
        {
            var entry = Entries[index];
            var where = $"entries[{index}]";

            // "entry-timestamp" as GOV.UK serves it, or "timestamp" misspelt, would leave the entry dated by the server's clock.
            problems.AddRange((entry?.Unknown ?? []).Keys.Select(name =>
                $"{where}.{name}: an entry takes only 'key', 'item' or 'items', 'timestamp' and 'log'"));
            if (entry is null || string.IsNullOrEmpty(entry.Key))
            {
                problems.Add($"{where}.key: missing");
                continue;
            }

            var log = EntryLog.User;
            if (entry.Log is not null && !EntryLogNames.TryParse(entry.Log, out log))
            {
                // Not proposed: taken for a system entry, it would be refused as the admin's alone (403), not as the mistake it is.
                problems.Add($"{where}.log: '{entry.Log}' is neither 'user' nor 'system'");
                continue;
            }

            EntryTimestamp? timestamp = null;
            if (entry.Timestamp is not null)
            {
                if (EntryTimestamp.TryParse(entry.Timestamp, out var parsed))
                {
                    timestamp = parsed;
                }
                else
                {
                    problems.Add($"{where}.timestamp: '{entry.Timestamp}' is not of the form 2016-04-05T13:23:05Z");
                }
            }

            var json = entry.Item is { } single ? [single] : entry.Items ?? [];
            if (json.Count == 0 || (entry.Item is not null && entry.Items is not null))
            {
                problems.Add($"{where}: give either 'item' (one object) or 'items' (a list of objects)");
                continue;
            }

            var hashes = new List<Protocol.Hashing.Digest>();
            var cited = new Dictionary<Protocol.Hashing.Digest, int>();
            for (var position = 0; position < json.Count; position++)
            {
                // The bytes as sent, not GetRawText(), which fails on invalid UTF-8: the canonicaliser refuses that itself.
                if (JsonCanonicaliser.TryCanonicalise(JsonMarshal.GetRawUtf8Value(json[position]).ToArray(), out var canonical, out var error))
                {
                    var item = Item.Create(canonical);
                    items.Add(item);
                    hashes.Add(item.Hash);

                    // A record lists an entry's items; the same one twice says nothing more, and GOV.UK's data never has it.
                    if (!cited.TryAdd(item.Hash, position))
                    {
                        problems.Add($"{where}.items[{position}]: item {item.Hash} is items[{cited[item.Hash]}] again; an entry cites an item once");
                    }
                }
                else
                {
                    problems.Add($"{where}.{(entry.Item is null ? $"items[{position}]" : "item")}: {error.Message}");
                }
            }

            proposals.Add(new ProposedEntry(log, entry.Key, timestamp, hashes));
        }

        return (proposals, items, problems);
    }
}

/// <summary>One entry of an <see cref="AppendRequest"/>.</summary>
/// <param name="Key">The key, e.g. <c>GB</c>.</param>
/// <param name="Item">The item, any JSON object of strings and lists of strings; it is canonicalised.</param>
/// <param name="Items">Several items instead of one.</param>
/// <param name="Timestamp">When the entry was made (<c>2016-04-05T13:23:05Z</c>): not later than the server's clock, beyond a few minutes allowed for clock skew; the server's clock when absent.</param>
/// <param name="Log"><c>user</c> (the default) or <c>system</c> for metadata.</param>
/// <remarks>Optional members have defaults, which is what keeps them out of the OpenAPI schema's <c>required</c>.</remarks>
public sealed record AppendRequestEntry(string Key, JsonElement? Item = null, IReadOnlyList<JsonElement>? Items = null, string? Timestamp = null, string? Log = null)
{
    /// <summary>Members the entry has besides those above, each refused (see <see cref="AppendRequest.Unknown"/>).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
