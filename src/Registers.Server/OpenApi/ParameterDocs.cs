using Microsoft.OpenApi;

namespace Registers.Server.OpenApi;

/// <summary>
/// What each parameter of the read API means. Numbers are bound as text (so a bad one is a problem that names it),
/// and described here as the whole numbers they are.
/// </summary>
internal static class ParameterDocs
{
    private sealed record Doc(string Description, long? Minimum = null, long? Maximum = null, long? Default = null);

    private static readonly Dictionary<string, Doc> ByName = new()
    {
        ["name"] = new("The register's name, `[a-z][a-z0-9-]*`; on a register's own host it is the host's first label."),
        ["key"] = new("The record's key (a `/` in it written `%2F`); a `.json` or `.csv` suffix names the format."),
        ["field"] = new("A field of the register."),
        ["value"] = new("The exact value (for a list field, one of its values)."),
        ["entry-number"] = new("The entry's number, from 1.", 1),
        ["item-hash"] = new("`sha-256:` and the 64 lower-case hex digits of the item's hash."),
        ["total-entries-1"] = new("The user size the client holds (0 for all).", 0),
        ["total-entries-2"] = new("The user size to end at, at most the register's.", 0),
        ["start"] = new("The first entry number.", 1, null, 1),
        ["limit"] = new("How many entries.", 1, Hosting.Paging.MaxSize, Hosting.Paging.DefaultSize),
        ["page-index"] = new("The page, from 1; a page past the last record is 404.", 1, null, 1),
        ["page-size"] = new("Records a page.", 1, Hosting.Paging.MaxSize, Hosting.Paging.DefaultSize),
        ["as-of"] = new("Read the register as it was at this tree size (its first n entries); the current size when absent.", 0),
    };

    /// <summary>Describes the operation's parameters that are the read API's.</summary>
    public static void Describe(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is null || !ByName.TryGetValue(parameter.Name, out var doc))
            {
                continue;
            }

            parameter.Description ??= doc.Description;
            if (doc.Minimum is { } minimum)
            {
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int64",
                    Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Maximum = doc.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Default = doc.Default is { } fallback ? System.Text.Json.Nodes.JsonValue.Create(fallback) : null,
                };
            }
        }
    }
}
