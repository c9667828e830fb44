using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Registers.Server.Items;

namespace Registers.Server.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: every endpoint with its parameters, response types and
/// examples. Items are described as what they are (objects of strings and lists of strings), CSV, RSF and notes
/// as text, and each endpoint's examples come from its <see cref="ResponseExample"/> metadata.
/// </summary>
public static class OpenApiDocs
{
    /// <summary>Adds the document.</summary>
    public static IServiceCollection AddRegistersOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<OperationDocs>();
            options.AddSchemaTransformer(NullableMembers.Unrequire);
        });

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Registers",
            Version = "v1",
            Description = """
                Canonical registers you can check, wire-compatible with GOV.UK Registers v1.

                Every register's resources are under `/registers/{name}`, and its reads also at the root of the register's
                own host, `{name}.{domain}` (behind a proxy, `X-Forwarded-Host` names it), as GOV.UK served them; writes
                always name the register in their path, which their signature covers. The
                metadata (the system log) has the same resources under `/registers/{name}/system`.

                Reads answer `GET` and `HEAD`, with CORS for any origin. Representations: a `.json` or `.csv` suffix,
                else the `Accept` header, else JSON; numbers in GOV.UK's shapes are strings, as GOV.UK wrote them.
                Errors are RFC 9457 problem details. What never changes (entries, items, proofs, tiles, fixed RSF
                ranges, records `as-of` a size) is immutable with a strong ETag; what moves within a register carries an
                ETag tied to its tree size and answers `If-None-Match` with 304; the list of registers is sent whole
                each time (`no-cache`, no ETag).
                """,
        };

        // The generator names the server by the request's scheme and Host header, so any Host a client or a cache sent
        // would be written into a document that is cached and read by others. Without servers the paths are from the root
        // of the host the document was fetched from (OpenAPI: the default server is "/"), right on every host; below a
        // proxy's path prefix a tool must be told the published address (the reference page finds the document below it
        // from its own address).
        document.Servers = null;

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OperationDocs.SignatureScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Signature",
            Description = "RFC 9421 HTTP Message Signatures with Ed25519 (`Signature-Input` and `Signature`, label `sig1`), covering `@method`, "
                + "`@target-uri` and, with a body, an RFC 9530 `Content-Digest`; signed by the admin key or a custodian key the register lists. See docs/writes.md.",
        };

        // An item writes itself (raw canonical JSON), so the generator knows nothing of its shape: say it here.
        if (document.Components.Schemas?.TryGetValue(nameof(ItemJson), out var item) == true && item is OpenApiSchema itemSchema)
        {
            DescribeItem(itemSchema);
            if (document.Components.Schemas.TryGetValue(nameof(Records.RecordResource), out var record) && record.Properties?["item"] is OpenApiSchema items)
            {
                items.Items = new OpenApiSchemaReference(nameof(ItemJson), document);
            }
        }

        // Writes answer IResult, which the operations no longer mention once described.
        document.Components.Schemas?.Remove("IResult");

        // HEAD answers are GET answers without a body: one operation per path says it.
        foreach (var path in document.Paths.Values)
        {
            path.Operations?.Remove(HttpMethod.Head);
        }

        var used = document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(tag => tag.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(TagDescriptions.Where(tag => used.Contains(tag.Key)).Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
    }

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Registers"] = "The registers on this server, and what each says about itself.",
        ["Records"] = "The latest entry of each key, with its items: now, or as of any tree size.",
        ["Entries"] = "The log itself, entry by entry, each with its chain hash and where to check it.",
        ["Items"] = "Items by hash, as the canonical JSON that was hashed.",
        ["Downloads"] = "Whole registers and patches, as RSF or CSV, streamed.",
        ["Proofs"] = "RFC 6962 inclusion and consistency proofs, as GOV.UK served them.",
        ["Checkpoints"] = "Signed checkpoints (C2SP tlog-checkpoint) and the key that signs them.",
        ["Tiles"] = "The Merkle tree as C2SP tlog-tiles, for mirrors and offline checks.",
        ["Writes"] = "Creating registers, appending to them and managing their custodian keys: signed requests only.",
    };

    private static void DescribeItem(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = "An item: its canonical JSON, exactly as hashed (keys sorted, no whitespace). Every value is a string or a list of strings.";
        schema.AdditionalProperties = new OpenApiSchema
        {
            OneOf =
            [
                new OpenApiSchema { Type = JsonSchemaType.String },
                new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            ],
        };
        schema.Examples = [JsonNode.Parse(Examples.Item)!];
    }
}
