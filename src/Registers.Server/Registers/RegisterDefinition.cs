using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;
using Registers.Protocol.Json;
using Registers.Server.Writes;

namespace Registers.Server.Registers;

/// <summary>
/// What a custodian says about a new register. It becomes system entries as GOV.UK wrote them:
/// <c>name</c>, <c>register-name</c>, <c>custodian</c>, one <c>field:*</c> per field, and <c>register:&lt;name&gt;</c>.
/// </summary>
/// <remarks>Optional members have defaults, which is what keeps them out of the OpenAPI schema's <c>required</c>.</remarks>
/// <param name="Name">The register's name, <c>[a-z][a-z0-9-]*</c>; also its key field's name.</param>
/// <param name="Fields">Field items as GOV.UK wrote them, e.g. <c>{"field":"country","datatype":"string","cardinality":"1","text":"..."}</c>.</param>
/// <param name="Title">A human name, e.g. "Country" (the <c>register-name</c> entry); the name when absent.</param>
/// <param name="Custodian">Who keeps the register.</param>
/// <param name="Description">What the register holds (the register item's <c>text</c>).</param>
/// <param name="Registry">The organisation responsible, as GOV.UK's register items named it.</param>
/// <param name="Phase">discovery, alpha, beta or live.</param>
public sealed record RegisterDefinition(
    string Name,
    IReadOnlyList<JsonElement> Fields,
    string? Title = null,
    string? Custodian = null,
    string? Description = null,
    string? Registry = null,
    string? Phase = null)
{
    /// <summary>The phases of GOV.UK's registers, the only ones a register's item names.</summary>
    private static readonly string[] Phases = ["discovery", "alpha", "beta", "live"];

    /// <summary>
    /// Members the definition has besides those above, each refused: one the server does not take (a register item's
    /// <c>copyright</c>, say) would otherwise be dropped unseen, and the register made otherwise than its definition says.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    /// <summary>The definition as system entries and their items, or the reasons it is not a valid definition.</summary>
    public (IReadOnlyList<ProposedEntry> Entries, IReadOnlyList<Item> Items, IReadOnlyList<string> Problems) ToSystemEntries(EntryTimestamp now)
    {
        var problems = (Unknown ?? []).Keys
            .Select(member => $"{member}: a definition takes only 'name', 'title', 'custodian', 'description', 'registry', 'phase' and 'fields'").ToList();
        if (!string.IsNullOrEmpty(Phase) && !Phases.Contains(Phase, StringComparer.Ordinal))
        {
            problems.Add($"phase '{Phase}' must be one of {string.Join(", ", Phases)}, as GOV.UK's registers name it");
        }

        var name = Name ?? "";
        if (RegisterName.Refusal(name) is { } badName)
        {
            return ([], [], [.. problems, badName]);
        }

        var fields = new List<FieldDefinition>();
        foreach (var (json, index) in (Fields ?? []).Select((json, index) => (json, index)))
        {
            if (!JsonCanonicaliser.TryCanonicalise(System.Text.Encoding.UTF8.GetBytes(json.GetRawText()), out var canonical, out var error))
            {
                problems.Add($"fields[{index}]: {error.Message}");
            }
            else if (!FieldDefinition.TryParse(Item.Create(canonical), null, out var field, out var errors))
            {
                problems.AddRange(errors.Select(e => $"fields[{index}]: {e.Message}"));
            }
            else
            {
                fields.Add(field);
            }
        }

        // A key field defined wrongly has had its problems said above; it is not missing.
        if (!fields.Any(field => field.Name == Name) && !(Fields ?? []).Any(DefinesField(name)))
        {
            problems.Add($"fields must include the key field '{Name}', named like the register");
        }
        else
        {
            problems.AddRange(fields.Select(field => KeyFieldCardinality.Refusal(name, field)).OfType<string>().Take(1));
        }

        if (fields.DistinctBy(field => field.Name).Count() != fields.Count)
        {
            problems.Add("each field may be defined once");
        }

        if (problems.Count > 0)
        {
            return ([], [], problems);
        }

        var entries = new List<ProposedEntry>();
        var items = new List<Item>();
        void Add(string key, Item item)
        {
            entries.Add(new ProposedEntry(EntryLog.System, key, now, [item.Hash]));
            items.Add(item);
        }

        Add("name", Object(("name", name)));
        Add("register-name", Object(("register-name", string.IsNullOrEmpty(Title) ? name : Title)));
        if (!string.IsNullOrEmpty(Custodian))
        {
            Add("custodian", Object(("custodian", Custodian)));
        }

        foreach (var field in fields)
        {
            Add(field.Key, field.ToItem());
        }

        var register = new JsonObject
        {
            ["fields"] = new JsonArray([.. fields.Select(field => (JsonNode)field.Name)]),
            ["register"] = Name,
        };
        foreach (var (attribute, value) in new[] { ("phase", Phase), ("registry", Registry), ("text", Description) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                register[attribute] = value;
            }
        }

        Add("register:" + Name, Item.FromJson(JsonSerializer.SerializeToUtf8Bytes(register)));
        return (entries, items, []);
    }

    /// <summary>Whether a field definition, however wrong otherwise, names <paramref name="name"/>.</summary>
    private static Func<JsonElement, bool> DefinesField(string name) => json =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("field", out var field)
        && field.ValueKind == JsonValueKind.String && field.GetString() == name;

    private static Item Object(params (string Name, string Value)[] members) =>
        Item.FromJson(JsonSerializer.SerializeToUtf8Bytes(members.ToDictionary(member => member.Name, member => member.Value)));
}
