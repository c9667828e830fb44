using System.Text.Json;
using Registers.Cli.Config;
using Registers.Client;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Cli.Schema;

/// <summary>
/// The fields of a register, for checking items before they are sent, read from a register definition file (the JSON
/// <c>registers create</c> takes). Without one, commands ask the server for the fields in force.
/// </summary>
internal static class RegisterSchemas
{
    /// <summary>
    /// The schema items are checked against before they are sent: that of the definition file at <paramref name="definition"/>
    /// when one is given, else the fields <paramref name="client"/>'s server has for <paramref name="register"/>; null when
    /// the server has no such register.
    /// </summary>
    /// <exception cref="FileProblem">The definition file cannot be read.</exception>
    /// <exception cref="ConfigException">The file is not a definition of that register, or a field definition is invalid.</exception>
    public static async Task<RegisterSchema?> ForAsync(RegistersClient client, string register, string? definition, CancellationToken cancellationToken) =>
        definition is not null ? FromDefinitionFile(definition, register)
        : await client.GetFieldDefinitionsAsync(register, cancellationToken) is { } fields ? new RegisterSchema(register, fields)
        : null;

    /// <summary>The schema of <paramref name="register"/> from the definition file at <paramref name="path"/>.</summary>
    /// <exception cref="FileProblem">The file cannot be read.</exception>
    /// <exception cref="ConfigException">The file is not a definition of that register, or a field definition is invalid.</exception>
    public static RegisterSchema FromDefinitionFile(string path, string register)
    {
        var (bytes, notUtf8) = DefinitionJson.Of(FileProblem.Reading(path, File.ReadAllBytes));
        if (notUtf8 is not null)
        {
            throw new ConfigException($"the definition {path} is not valid: {notUtf8}");
        }

        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            var name = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (name != register)
            {
                throw new ConfigException($"the definition {path} is of register '{name}', not '{register}'");
            }

            if (!root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
            {
                throw new ConfigException($"the definition {path} has no \"fields\" list");
            }

            var definitions = new List<FieldDefinition>();
            foreach (var field in fields.EnumerateArray())
            {
                if (!FieldDefinition.TryParse(Item.FromJson(JsonSerializer.SerializeToUtf8Bytes(field)), null, out var definition, out var errors))
                {
                    throw new ConfigException($"the definition {path} has an invalid field: {string.Join("; ", errors.Select(e => e.Message))}");
                }

                definitions.Add(definition);
            }

            return new RegisterSchema(register, definitions);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new ConfigException($"the definition {path} is not valid: {(e is JsonException json ? NotJson.Reason(json) : e.Message)}");
        }
    }
}
