using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Registers.Server.OpenApi;

/// <summary>
/// Takes the members that may be null out of each schema's <c>required</c>: the server writes no nulls (its JSON options
/// leave them out), so such a member is often absent, and a client generated from the document must not insist on it.
/// </summary>
internal static class NullableMembers
{
    /// <summary>A schema transformer: the generator requires every constructor parameter without a default, nullable or not.</summary>
    public static Task Unrequire(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Nullability as the serializer reads it from the annotations: the schema says it too, but for a member whose type
        // is a component only once the reference is written, after the transformers.
        foreach (var property in context.JsonTypeInfo.Properties.Where(property => property.IsGetNullable))
        {
            schema.Required?.Remove(property.Name);
        }

        return Task.CompletedTask;
    }
}
