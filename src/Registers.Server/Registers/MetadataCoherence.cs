using System.Text.Json;
using Registers.Protocol.Fields;

namespace Registers.Server.Registers;

/// <summary>
/// What a register's metadata must say once a write of its system log is done: a register whose key field is not
/// defined can hold no entry, and one whose definition lists a field nothing defines says what it is not.
/// </summary>
public static class MetadataCoherence
{
    /// <summary>The rule a register without its key field breaks.</summary>
    public const string NoKeyField = "no-key-field";

    /// <summary>The rule a register definition listing an undefined field breaks.</summary>
    public const string UndefinedField = "undefined-field";

    /// <summary>The broken rules, as (system key, rule, detail); none when the metadata holds together.</summary>
    /// <param name="register">The register's name, also its key field's.</param>
    /// <param name="definedFields">The fields the system log defines (the names of its <c>field:*</c> records).</param>
    /// <param name="registerItem">The current item of <c>register:&lt;name&gt;</c>, if there is one.</param>
    public static IReadOnlyList<(string Key, string Rule, string Detail)> Problems(string register, IReadOnlySet<string> definedFields, string? registerItem)
    {
        ArgumentNullException.ThrowIfNull(definedFields);
        var problems = new List<(string, string, string)>();
        if (!definedFields.Contains(register))
        {
            problems.Add(($"{FieldDefinition.KeyPrefix}{register}", NoKeyField,
                $"register '{register}' has no key field: a system entry {FieldDefinition.KeyPrefix}{register} must define it"));
        }

        foreach (var field in ListedFields(registerItem).Where(field => !definedFields.Contains(field)).Distinct())
        {
            problems.Add(($"{MetadataItemShape.RegisterPrefix}{register}", UndefinedField,
                $"{MetadataItemShape.RegisterPrefix}{register} lists field '{field}', which no system entry {FieldDefinition.KeyPrefix}{field} defines"));
        }

        return problems;
    }

    private static IEnumerable<string> ListedFields(string? registerItem)
    {
        if (registerItem is null)
        {
            return [];
        }

        // Its shape is the item's own business (metadata items are taken as GOV.UK wrote them); only a list of names is read.
        using var document = JsonDocument.Parse(registerItem);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array
            ? [.. fields.EnumerateArray().Where(field => field.ValueKind == JsonValueKind.String).Select(field => field.GetString()!)]
            : [];
    }
}
