using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Registers.Server.OpenApi;

/// <summary>
/// Endpoint metadata: the read sends an ETag and answers a matching <c>If-None-Match</c> with 304 (see
/// <see cref="Hosting.HttpCaching"/>). Only the endpoint knows whether it does, so it says so where it is mapped.
/// </summary>
public sealed class AnswersNotModifiedMetadata
{
    internal static readonly AnswersNotModifiedMetadata Instance = new();

    private AnswersNotModifiedMetadata()
    {
    }
}

/// <summary>Declares conditional GETs, and describes them in the OpenAPI document: the ETag, <c>If-None-Match</c> and 304.</summary>
public static class ConditionalGets
{
    /// <summary>Says that the endpoint sends an ETag and answers a matching <c>If-None-Match</c> with 304 Not Modified.</summary>
    public static RouteHandlerBuilder AnswersNotModified(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(AnswersNotModifiedMetadata.Instance);

    /// <summary>Adds the <c>If-None-Match</c> parameter, the ETag of the 200 answer and the 304 answer to an operation whose endpoint says it answers them.</summary>
    internal static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<AnswersNotModifiedMetadata>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Description = "ETags of copies the client holds (weak ones match too): when one is the answer's, the answer is 304 with no body.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

        operation.Responses ??= [];
        if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse answer)
        {
            answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
            answer.Headers["ETag"] = ETag();
        }

        operation.Responses["304"] = new OpenApiResponse
        {
            Description = "Not Modified: the client's copy, named by `If-None-Match`, is the current one.",
            Headers = new Dictionary<string, IOpenApiHeader> { ["ETag"] = ETag() },
        };
    }

    private static OpenApiHeader ETag() => new()
    {
        Description = "A strong ETag: fixed where the answer never changes, else one that changes as the register grows.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
