using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Registers.Server.Hosting;

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

/// <summary>Declares conditional GETs, and describes them in the OpenAPI document: the ETag and Cache-Control, <c>If-None-Match</c> and 304.</summary>
public static class ConditionalGets
{
    /// <summary>Says that the endpoint sends an ETag and answers a matching <c>If-None-Match</c> with 304 Not Modified.</summary>
    public static RouteHandlerBuilder AnswersNotModified(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(AnswersNotModifiedMetadata.Instance);

    /// <summary>Adds the <c>If-None-Match</c> parameter, the ETag and Cache-Control of the 200 answer and the 304 answer to an operation whose endpoint says it answers them.</summary>
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
        var notModified = new OpenApiResponse { Description = "Not Modified: the client's copy, named by `If-None-Match`, is the current one." };
        operation.Responses["304"] = notModified;
        foreach (var answer in new[] { operation.Responses.GetValueOrDefault("200") as OpenApiResponse, notModified })
        {
            // HttpCaching sets the two together.
            AnswerHeaders.Declare(answer, HeaderNames.ETag, "A strong ETag: fixed where the answer never changes, else one that changes as the register grows.");
            AnswerHeaders.Declare(answer, HeaderNames.CacheControl,
                $"`{HttpCaching.ImmutableCacheControl}` where the answer never changes, else `{HttpCaching.RevalidateCacheControl}`: revalidate it with its ETag.");
        }
    }
}
