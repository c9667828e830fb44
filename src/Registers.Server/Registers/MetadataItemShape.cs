using System.Text.Json;
using Registers.Protocol.Items;

namespace Registers.Server.Registers;

/// <summary>
/// The shapes of the metadata items the server reads back (the register's title, custodian and definition), as GOV.UK
/// wrote them: each of its own key, one string a member, and a definition's fields a list. Other system keys (field
/// definitions, custodian keys, <c>name</c>) have rules of their own; keys the server does not read are taken as they come.
/// </summary>
public static class MetadataItemShape
{
    /// <summary>The rule a metadata item of another shape breaks.</summary>
    public const string Rule = "metadata-shape";

    /// <summary>The prefix of a register definition's key (<c>register:&lt;name&gt;</c>).</summary>
    public const string RegisterPrefix = "register:";

    private static readonly string[] DefinitionMembers = ["copyright", "fields", "phase", "register", "registry", "text"];

    /// <summary>Whether <paramref name="key"/> is a system key the server reads as metadata: the name, title, custodian, a field's or a register's definition.</summary>
    public static bool IsMetadataKey(string key) =>
        key is "name" or "register-name" or "custodian"
        || key.StartsWith(Protocol.Fields.FieldDefinition.KeyPrefix, StringComparison.Ordinal) || key.StartsWith(RegisterPrefix, StringComparison.Ordinal);

    /// <summary>What is wrong with <paramref name="item"/> as the item of system key <paramref name="key"/>, as (member, detail); empty when nothing is.</summary>
    public static IReadOnlyList<(string Member, string Detail)> Problems(string key, Item item)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(item);

        // An item is an object whose values are strings or lists of strings: which, and which members, is what is left to check.
        using var document = JsonDocument.Parse(item.ToString());
        var members = document.RootElement.EnumerateObject().ToDictionary(member => member.Name, member => member.Value.ValueKind == JsonValueKind.Array);
        return key switch
        {
            "custodian" or "register-name" => SingleString(key, members),
            _ when key.StartsWith(RegisterPrefix, StringComparison.Ordinal) => Definition(key, key[RegisterPrefix.Length..], members, document.RootElement),
            _ => [],
        };
    }

    private static List<(string, string)> SingleString(string key, Dictionary<string, bool> members)
    {
        if (!members.TryGetValue(key, out var isList) || isList)
        {
            return [(key, $"the item of '{key}' must be {{\"{key}\":\"...\"}}: one member '{key}', a string")];
        }

        return [.. members.Keys.Where(member => member != key).Select(member => (member, $"the item of '{key}' has only the member '{key}', not '{member}'"))];
    }

    private static List<(string, string)> Definition(string key, string register, Dictionary<string, bool> members, JsonElement json)
    {
        var problems = new List<(string, string)>();
        if (!json.TryGetProperty("register", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != register)
        {
            problems.Add(("register", $"the item of '{key}' must name the register it defines: \"register\":\"{register}\""));
        }

        foreach (var (member, isList) in members.Where(member => member.Key != "register"))
        {
            if (!DefinitionMembers.Contains(member))
            {
                problems.Add((member, $"a register's definition has no member '{member}' (it has {string.Join(", ", DefinitionMembers)})"));
            }
            else if (isList != (member == "fields"))
            {
                problems.Add((member, member == "fields" ? $"the fields of '{key}' must be a list of field names" : $"'{member}' of '{key}' must be a string, not a list"));
            }
        }

        return problems;
    }
}
