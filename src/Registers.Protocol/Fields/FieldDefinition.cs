using System.Diagnostics.CodeAnalysis;
using Registers.Protocol.Fields.Formats;
using Registers.Protocol.Items;
using Registers.Protocol.Json;

namespace Registers.Protocol.Fields;

/// <summary>
/// A field of a register, as GOV.UK field items define it, e.g.
/// <c>{"cardinality":"1","datatype":"string","field":"country","phase":"beta","register":"country","text":"..."}</c>,
/// appended to the system log under the key <c>field:country</c>.
/// </summary>
/// <param name="Name"><c>field</c>: the attribute name items use.</param>
/// <param name="Datatype"><c>datatype</c>.</param>
/// <param name="Cardinality"><c>cardinality</c>: <c>1</c> or <c>n</c>.</param>
/// <param name="Register"><c>register</c>: the register this field links to, if any (for the key field, the register itself).</param>
/// <param name="Text"><c>text</c>: a description.</param>
/// <param name="Phase"><c>phase</c>: discovery, alpha, beta or live, as GOV.UK used it.</param>
public sealed record FieldDefinition(string Name, Datatype Datatype, Cardinality Cardinality, string? Register = null, string? Text = null, string? Phase = null)
{
    /// <summary>The system-log key prefix of field definitions.</summary>
    public const string KeyPrefix = "field:";

    /// <summary><c>field</c>: the attribute name items use; must be a name (<c>[a-z][a-z0-9-]*</c>).</summary>
    public string Name { get; init; } = CanonicalJson.IsAttributeName(Name)
        ? Name
        : throw new ArgumentException($"'{Name}' is not a field name [a-z][a-z0-9-]*.", nameof(Name));

    /// <summary><c>register</c>: the linked register, if any; must be a name.</summary>
    public string? Register { get; init; } = Register is null || CanonicalJson.IsAttributeName(Register)
        ? Register
        : throw new ArgumentException($"'{Register}' is not a register name [a-z][a-z0-9-]*.", nameof(Register));

    /// <summary>The system-log key of this definition, <c>field:&lt;name&gt;</c>.</summary>
    public string Key => KeyPrefix + Name;

    /// <summary>
    /// Reads a field definition from a field item. Attributes other than field, datatype, cardinality,
    /// register, text and phase are refused; field and register must be names. When
    /// <paramref name="systemKey"/> is given it must be <c>field:</c> followed by the item's <c>field</c>.
    /// </summary>
    public static bool TryParse(Item item, string? systemKey, [NotNullWhen(true)] out FieldDefinition? field, out IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(item);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<FieldError>();
        foreach (var member in item.Members)
        {
            var name = member.GetName();
            if (name is not ("field" or "datatype" or "cardinality" or "register" or "text" or "phase"))
            {
                problems.Add(new FieldError(name, Encoding(member), FieldRule.UnknownField, "field items have field, datatype, cardinality, register, text and phase"));
            }
            else if (member.IsList)
            {
                problems.Add(new FieldError(name, Encoding(member), FieldRule.ExpectedOneValue, "field item attributes hold one value"));
            }
            else
            {
                found[name] = member.GetFirstValue();
            }
        }

        var fieldName = Required(found, "field", Datatype.Name, problems);
        var datatypeName = Required(found, "datatype", null, problems);
        var cardinalityName = Required(found, "cardinality", null, problems);
        var register = Optional(found, "register", Datatype.Name, problems);
        var text = Optional(found, "text", Datatype.Text, problems);
        var phase = Optional(found, "phase", Datatype.String, problems);

        var datatype = default(Datatype);
        if (datatypeName is not null && !DatatypeNames.TryParseDatatype(datatypeName, out datatype))
        {
            problems.Add(new FieldError("datatype", datatypeName, FieldRule.UnknownDatatype, "no such datatype"));
        }

        var cardinality = default(Cardinality);
        if (cardinalityName is not null && !DatatypeNames.TryParseCardinality(cardinalityName, out cardinality))
        {
            problems.Add(new FieldError("cardinality", cardinalityName, FieldRule.InvalidCardinality, "cardinality is 1 or n"));
        }

        if (systemKey is not null && fieldName is not null && systemKey != KeyPrefix + fieldName)
        {
            problems.Add(new FieldError("field", fieldName, FieldRule.KeyFieldMismatch, $"the entry key is '{systemKey}'"));
        }

        field = problems.Count == 0 ? new FieldDefinition(fieldName!, datatype, cardinality, register, text, phase) : null;
        errors = problems;
        return field is not null;
    }

    /// <summary>This definition as a canonical field item, the inverse of <see cref="TryParse"/>.</summary>
    public Item ToItem()
    {
        var members = new List<PendingMember>
        {
            Member("cardinality", Cardinality.ToName()),
            Member("datatype", Datatype.ToName()),
            Member("field", Name),
        };
        foreach (var (name, value) in new[] { ("phase", Phase), ("register", Register), ("text", Text) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                members.Add(Member(name, value));
            }
        }

        return Item.FromTrustedCanonical(CanonicalObjectWriter.Write(members));
    }

    /// <summary>Reads a field definition from a field item.</summary>
    /// <exception cref="FormatException">The item is not a valid field definition; the message lists why.</exception>
    public static FieldDefinition Parse(Item item, string? systemKey = null) =>
        TryParse(item, systemKey, out var field, out var errors)
            ? field
            : throw new FormatException("Not a field definition: " + string.Join("; ", errors.Select(e => e.Message)));

    private static string? Required(Dictionary<string, string> found, string name, Datatype? datatype, List<FieldError> problems)
    {
        if (found.ContainsKey(name))
        {
            return Optional(found, name, datatype, problems);
        }

        problems.Add(new FieldError(name, null, FieldRule.Required, "a field item must have it"));
        return null;
    }

    private static string? Optional(Dictionary<string, string> found, string name, Datatype? datatype, List<FieldError> problems)
    {
        if (!found.TryGetValue(name, out var value))
        {
            return null;
        }

        if (datatype is { } type && !DatatypeValidator.IsValid(type, value, out var reason))
        {
            problems.Add(new FieldError(name, value, FieldRule.Datatype, reason, type));
            return null;
        }

        return value;
    }

    private static string Encoding(ItemMember member) => System.Text.Encoding.UTF8.GetString(member.Json);

    private static PendingMember Member(string name, string value) =>
        new(System.Text.Encoding.ASCII.GetBytes(name), [System.Text.Encoding.UTF8.GetBytes(value)], IsList: false);
}
