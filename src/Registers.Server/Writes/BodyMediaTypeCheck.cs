using Microsoft.AspNetCore.Http.Metadata;
using Registers.Server.Hosting;
using Wolverine.Http;

namespace Registers.Server.Writes;

/// <summary>
/// Refuses a write's body that is not of the media type the write takes (<see cref="TakesBodyAttribute"/>), before anything
/// reads it: 415, a problem naming the type received and the type taken, and <c>Accept</c> saying which (RFC 9110 15.5.16).
/// One check for every write, where each kind of body had its own and let through what the other refused.
/// </summary>
internal static class BodyMediaTypeCheck
{
    /// <summary>The problem member naming the Content-Type received (null when there was none).</summary>
    public const string ReceivedMember = "content-type";

    /// <summary>The problem member naming the media type taken, as the <c>Accept</c> header does.</summary>
    public const string TakenMember = "accept";

    /// <summary>
    /// Keeps routing's own media type check off <paramref name="chain"/> if it takes a body: it acts on the endpoint's
    /// accepted types (<see cref="IAcceptsMetadata"/>), answering a body of another type with a 415 of its own before this
    /// check can see which write was meant, and letting through what it deems JSON. The OpenAPI document declares the
    /// type from <see cref="TakesBodyAttribute"/> instead (OpenApi.OperationDocs).
    /// </summary>
    public static void LeaveToTheCheck(HttpChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Method.Method.GetCustomAttributes(typeof(TakesBodyAttribute), false).Length == 0)
        {
            return;
        }

        chain.Finally(endpoint =>
        {
            foreach (var accepts in endpoint.Metadata.OfType<IAcceptsMetadata>().ToList())
            {
                endpoint.Metadata.Remove(accepts);
            }
        });
    }

    public static IApplicationBuilder UseBodyMediaTypeCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // No body and no type: the endpoint answers for the body that is not there as it would for an empty one.
        if (context.GetEndpoint()?.Metadata.GetMetadata<TakesBodyAttribute>() is not { } takes
            || (!UntakenBody.IsSent(context) && context.Request.Headers.ContentType.Count == 0))
        {
            await next(context);
            return;
        }

        var received = context.Request.Headers.ContentType;
        if (BodyMediaType.Refusal(received, takes.MediaType) is not { } refusal)
        {
            // Named as it is read: the JSON reader takes application/json in lower case alone.
            context.Request.ContentType = takes.MediaType;
            await next(context);
            return;
        }

        context.Response.Headers.Accept = takes.MediaType;
        await Problems.Write(context, StatusCodes.Status415UnsupportedMediaType, "Media type not taken",
            $"Nothing was written: {context.Request.Method} {RegisterAddressing.OriginalPath(context)} takes a body of {takes.MediaType} in UTF-8 "
            + $"(Content-Type: {takes.MediaType}, or with charset=utf-8), and this one {refusal}.",
            new Dictionary<string, object?>
            {
                [ReceivedMember] = received.Count == 0 ? null : string.Join(", ", received.ToArray()),
                [TakenMember] = takes.MediaType,
            });
    });
}
