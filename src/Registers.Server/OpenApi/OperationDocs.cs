using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Registers.Server.OpenApi;

/// <summary>An example answer of an endpoint, shown in its OpenAPI description.</summary>
/// <param name="ContentType">The media type it is an example of.</param>
/// <param name="Body">The example body (JSON for JSON types, text otherwise).</param>
public sealed record ResponseExample(string ContentType, string Body);

/// <summary>Attaches examples to endpoints.</summary>
public static class ResponseExamples
{
    /// <summary>Adds an example 200 answer of <paramref name="contentType"/>.</summary>
    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder builder, string contentType, string body) =>
        builder.WithMetadata(new ResponseExample(contentType, body));
}

/// <summary>
/// Completes each operation: text bodies (CSV, RSF, notes, tiles) described as strings, examples attached, and the
/// endpoints that answer with a bare <see cref="IResult"/> (proofs, checkpoints, tiles, writes) given their answers.
/// </summary>
internal sealed class OperationDocs : IOpenApiOperationTransformer
{
    /// <summary>The security scheme of the writes.</summary>
    public const string SignatureScheme = "httpSignature";

    /// <inheritdoc/>
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath ?? "";
        if (UndeclaredEndpoints.Find(path, operation.OperationId) is { } doc)
        {
            var system = path.Contains("/system/", StringComparison.Ordinal);
            operation.OperationId = doc.OperationId + (system ? "System" : "");
            operation.Summary = doc.Summary + (system ? " (system log)" : "");
            operation.Description = doc.Tag == "Writes" ? operation.Description is { } text && !text.StartsWith("POST_", StringComparison.Ordinal) ? text : null : operation.Description;
            operation.Tags = new HashSet<OpenApiTagReference> { new(doc.Tag, context.Document) };
            operation.Responses = new OpenApiResponses
            {
                [doc.Success.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
                {
                    Description = doc.Success == StatusCodes.Status201Created ? "Created" : "OK",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [doc.Json is null ? doc.Text! : "application/json"] = new()
                        {
                            Schema = doc.Json is { } type ? await context.GetOrCreateSchemaAsync(type, null, cancellationToken) : null,
                        },
                    },
                },
            };
            foreach (var status in doc.Problems)
            {
                operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = await ProblemAsync(ReasonPhrases.GetReasonPhrase(status), context, cancellationToken);
            }

            if (doc.Tag == "Writes" && doc.OperationId != "getWrite")
            {
                await DescribeWriteAsync(operation, context, cancellationToken);
            }
        }

        ParameterDocs.Describe(operation, context.Description.ActionDescriptor.EndpointMetadata);
        ConditionalGets.Describe(operation, context);
        AnswerHeaders.Describe(operation, context);

        // Whatever reads or writes registers may find the database down, and a write its register's lock held too long
        // by another: a 503 problem with Retry-After (DatabaseUnavailable, RegisterBusy).
        if (path.Length == 0 || path.StartsWith("registers", StringComparison.Ordinal))
        {
            var busy = !HttpMethods.IsGet(context.Description.HttpMethod ?? "GET") ? "; or \"Register busy\": another write to the register held its lock too long, and nothing was stored" : "";
            var outage = await ProblemAsync(
                $"The database cannot be reached just now{busy}; try again after Retry-After ({Hosting.DatabaseUnavailable.RetryAfterSeconds} s)", context, cancellationToken);
            outage.Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } } };
            operation.Responses ??= [];
            operation.Responses["503"] = outage;
        }

        await RequestHeadAnswers.DescribeAsync(operation, context, cancellationToken);
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            foreach (var (mediaType, body) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                if (mediaType != "application/json" && !mediaType.EndsWith("+json", StringComparison.Ordinal))
                {
                    body.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = mediaType == UndeclaredEndpoints.Octets ? "binary" : null };
                }
            }
        }

        foreach (var example in context.Description.ActionDescriptor.EndpointMetadata.OfType<ResponseExample>())
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue(example.ContentType, out var media) == true)
            {
                media.Example = example.ContentType.EndsWith("json", StringComparison.Ordinal) ? JsonNode.Parse(example.Body) : JsonValue.Create(example.Body);
            }
        }

        // Statuses in order, whether metadata or this transformer declared them.
        if (operation.Responses is { } responses)
        {
            operation.Responses = new OpenApiResponses();
            foreach (var (status, response) in responses.OrderBy(response => response.Key, StringComparer.Ordinal))
            {
                operation.Responses[status] = response;
            }
        }
    }

    /// <summary>An RFC 9457 problem answer.</summary>
    internal static async Task<OpenApiResponse> ProblemAsync(string description, OpenApiOperationTransformerContext context, CancellationToken cancellation) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellation) },
        },
    };

    private static async Task DescribeWriteAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SignatureScheme, context.Document)] = [] }];

        // Every write reads both headers (Writes.WriteHeaders) and is rate limited by its key (WriteSecurity); a created register is named by its path.
        operation.Parameters ??= [];
        operation.Parameters.Add(Header("Idempotency-Key", "1 to 128 printable ASCII characters, no spaces or commas, kept with the write to look it up at "
            + "`/registers/{name}/writes/{idempotency-key}`: a retry with the same key and body is applied once and answers the first write's receipt; "
            + "sent again by the same signing key with another body, it is a 422."));
        operation.Parameters.Add(Header("If-Match",
            "`\"size-<n>\"`, the size of the register's user log the write extends (the ETag of its checkpoint; 0 for a new register): if the log has another size, nothing is written and the answer is 412."));
        AnswerHeaders.Declare(operation.Responses?.GetValueOrDefault("429") as OpenApiResponse, HeaderNames.RetryAfter, "Seconds until this key may write again.", JsonSchemaType.Integer);
        AnswerHeaders.Declare(operation.Responses?.GetValueOrDefault("201") as OpenApiResponse, HeaderNames.Location, "The path of the register created.");
        var takes = context.Description.ActionDescriptor.EndpointMetadata.OfType<Writes.TakesBodyAttribute>().FirstOrDefault();
        if (takes is not null)
        {
            // Said by the one check that sends it (Writes.BodyMediaTypeCheck), from the same attribute.
            AnswerHeaders.Declare(operation.Responses?.GetValueOrDefault("415") as OpenApiResponse, HeaderNames.Accept,
                $"`{takes.MediaType}`, the media type of the body this write takes (in UTF-8; no parameter but `charset=utf-8`), when the body was sent as another.");
        }

        if (takes is not null && takes.MediaType != Writes.WriteEndpoints.RsfMediaType)
        {
            // Declared here, not by the endpoint's accepted types, on which routing would act (Writes.BodyMediaTypeCheck.LeaveToTheCheck).
            var body = context.Description.ParameterDescriptions.FirstOrDefault(parameter => parameter.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body);
            var schema = operation.RequestBody?.Content?.Values.FirstOrDefault()?.Schema
                ?? (body?.Type is { } type ? await context.GetOrCreateSchemaAsync(type, body, cancellation) : null);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = operation.RequestBody?.Description,
                Content = new Dictionary<string, OpenApiMediaType> { [takes.MediaType] = new() { Schema = schema } },
            };
            return;
        }

        if (takes is null)
        {
            return;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "RSF: `add-item`, `append-entry` and `assert-root-hash` lines.",
            Content = new Dictionary<string, OpenApiMediaType> { [takes.MediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
        };
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "lenient",
            In = ParameterLocation.Query,
            Description = "`true` loads history that breaks register rules (field values, no-op repeats), reporting it as warnings; GOV.UK's archives need it. Admin key only (403 otherwise).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean },
        });
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
