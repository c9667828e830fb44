using Microsoft.OpenApi;

namespace Registers.Server.OpenApi;

/// <summary>Endpoint metadata: the endpoint's own default for a parameter, where it is not the one every other endpoint has.</summary>
/// <param name="Name">The parameter.</param>
/// <param name="Value">What the endpoint takes when it is not given.</param>
internal sealed record ParameterDefault(string Name, long Value);

/// <summary>
/// What each path and query parameter means. Numbers are bound as text (so a bad one is a problem that names it),
/// and described here as the whole numbers they are; a format suffix is taken off the path before routing, so a
/// number in the last segment is still just a number.
/// </summary>
internal static class ParameterDocs
{
    private sealed record Doc(string Description, long? Minimum = null, long? Maximum = null, long? Default = null, string? Only = null);

    private static readonly Dictionary<string, Doc> ByName = new()
    {
        ["name"] = new("The register's name, `[a-z][a-z0-9-]*`; on a register's own host it is the host's first label."),
        ["key"] = new("The record's key (a `/` in it written `%2F`); a `.json` or `.csv` suffix names the format."),
        ["field"] = new("A field of the register."),
        ["value"] = new("The exact value (for a list field, one of its values), escaped as one segment: a `/` in it written `%2F`, a `%` written `%25`."),
        ["entry-number"] = new("The entry's number, from 1.", 1),
        ["item-hash"] = new("`sha-256:` and the 64 lower-case hex digits of the item's hash."),
        ["total-entries-1"] = new("The user size the client holds (0 for all).", 0),
        ["total-entries-2"] = new("The user size to end at, at most the register's.", 0),
        ["start"] = new("The first entry number.", 1, Hosting.Paging.MaxStart, 1),
        ["limit"] = new("How many entries.", 1, Hosting.Paging.MaxSize, Hosting.Paging.DefaultSize),
        ["page-index"] = new("The page, from 1; a page past the last record is 404.", 1, Hosting.Paging.MaxPageIndex, 1),
        ["page-size"] = new("Records a page.", 1, Hosting.Paging.MaxSize, Hosting.Paging.DefaultSize),
        ["as-of"] = new("Read the register as it was at this tree size (its first n entries); the current size when absent.", 0),

        // Proofs, checkpoints and tiles.
        ["proof-identifier"] = new("The proof identifier; `merkle:sha-256` is the only one (any other is 404).", Only: Proofs.ProofEndpoints.MerkleSha256),
        ["total-entries"] = new("The size of the tree to prove the entry in: at least the entry's number, at most the log's size.", 1),
        ["small-log-size"] = new("The smaller tree size, from 1.", 1),
        ["large-log-size"] = new("The larger tree size: at least `small-log-size`, at most the log's size.", 1),
        ["size"] = new("The tree size the checkpoint was signed at (one is signed at the end of each write).", 0),
        ["user-size"] = new("A size of the user log, at most its size now.", 0),
        ["path"] = new("What follows `tile/`: `<L>/<N>[.p/<W>]` for a hash tile, `entries/<N>[.p/<W>]` for an entry bundle, N in C2SP's groups of three digits (`x001/234`). Its `/` may be sent as they are or escaped as `%2F`."),

        // Writes.
        ["keyid"] = new("The custodian key: its key id in hex, or the key's `name+keyid`."),
        ["idempotency-key"] = new("The `Idempotency-Key` the write was sent with."),
        ["key-id"] = new("The key id the write was signed under, `name+keyid` as in its signature (a `+` escaped as `%2B`, or sent as it is). An idempotency key is its signer's own: without `key-id` the write is found only if no other signer's carries the key (409 when several do)."),
    };

    /// <summary>Describes the operation's parameters, with the defaults its endpoint's <paramref name="metadata"/> declares.</summary>
    public static void Describe(OpenApiOperation operation, IEnumerable<object> metadata)
    {
        var defaults = metadata.OfType<ParameterDefault>().ToDictionary(fallback => fallback.Name, fallback => fallback.Value);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is null || !ByName.TryGetValue(parameter.Name, out var doc))
            {
                continue;
            }

            parameter.Description ??= doc.Description;
            if (doc.Only is { } only)
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create(only)] };
            }

            if (doc.Minimum is { } minimum)
            {
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int64",
                    Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Maximum = doc.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Default = (defaults.TryGetValue(parameter.Name, out var own) ? own : doc.Default) is { } fallback ? System.Text.Json.Nodes.JsonValue.Create(fallback) : null,
                };
            }
        }
    }
}
