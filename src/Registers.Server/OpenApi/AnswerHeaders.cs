using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Registers.Server.Hosting;

namespace Registers.Server.OpenApi;

/// <summary>Endpoint metadata: a header the endpoint's success answer carries. Only the endpoint knows it sends it, so it says so where it is mapped.</summary>
/// <param name="Name">The header.</param>
/// <param name="Description">What it says.</param>
/// <param name="Type">The type of its value.</param>
public sealed record AnswerHeader(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String);

/// <summary>Declares the headers of answers beyond the ETag and its Cache-Control (see <see cref="ConditionalGets"/>), and describes them in the OpenAPI document.</summary>
public static class AnswerHeaders
{
    /// <summary>Says the answer names the tree size it was read at (see <see cref="ReadRoutes.TreeSize"/>).</summary>
    public static RouteHandlerBuilder SendsTreeSize(this RouteHandlerBuilder builder) =>
        builder.Sends(ReadRoutes.TreeSizeHeader, "The tree size the answer was read at, to check it against the checkpoint of that size.", JsonSchemaType.Integer);

    /// <summary>Says the answer links to the pages next to it (see <see cref="Paging.Link"/>).</summary>
    public static RouteHandlerBuilder SendsPageLinks(this RouteHandlerBuilder builder) => builder.Sends(HeaderNames.Link,
        "RFC 8288 links to the pages next to this one, where there are any (`rel=\"next\"`, `rel=\"previous\"`): this request's path and query with its paging parameters replaced.");

    /// <summary>Says the answer is a file to save, named by the register and the size it is of.</summary>
    public static RouteHandlerBuilder SendsAttachment(this RouteHandlerBuilder builder) =>
        builder.Sends(HeaderNames.ContentDisposition, "`attachment`, with a file name of the register and the tree size (or sizes) the file covers.");

    /// <summary>Says the answer carries <paramref name="name"/>.</summary>
    public static RouteHandlerBuilder Sends(this RouteHandlerBuilder builder, string name, string description, JsonSchemaType type = JsonSchemaType.String) =>
        builder.WithMetadata(new AnswerHeader(name, description, type));

    /// <summary>Adds the headers the endpoint says it sends to the operation's success answer.</summary>
    internal static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var success = operation.Responses?.FirstOrDefault(response => response.Key.StartsWith('2')).Value as OpenApiResponse;
        foreach (var header in context.Description.ActionDescriptor.EndpointMetadata.OfType<AnswerHeader>())
        {
            Declare(success, header.Name, header.Description, header.Type);
        }
    }

    /// <summary>Declares a header of <paramref name="response"/> (nothing when there is none).</summary>
    internal static void Declare(OpenApiResponse? response, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        if (response is null)
        {
            return;
        }

        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }
}
