using Microsoft.Net.Http.Headers;

namespace Registers.Server.Hosting;

/// <summary>
/// Cache headers by kind of resource. What a register says at a fixed size never changes, so it is
/// immutable and cacheable for a year; what moves with the register (its latest checkpoint) carries
/// an ETag tied to the tree size and must be revalidated.
/// </summary>
public static class HttpCaching
{
    private const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    private const string RevalidateCacheControl = "public, no-cache";

    /// <summary>Marks the response immutable with a strong ETag; true when the client already has it (answer 304).</summary>
    public static bool Immutable(HttpContext context, string tag) => Apply(context, tag, ImmutableCacheControl);

    /// <summary>Marks the response as one to revalidate, with an ETag; true when the client already has it (answer 304).</summary>
    public static bool Revalidate(HttpContext context, string tag) => Apply(context, tag, RevalidateCacheControl);

    private static bool Apply(HttpContext context, string tag, string cacheControl)
    {
        ArgumentNullException.ThrowIfNull(context);
        // An answer's links begin with the prefix a proxy names, so a copy under one prefix is not another's: the tag says
        // which (none without one, as before), and the Vary said on the 200 is said on the 304 too.
        var prefix = ClientTarget.PrefixVaried(context);
        var etag = new EntityTagHeaderValue($"\"{tag}{(prefix.Length == 0 ? "" : "@" + prefix)}\"");
        context.Response.Headers.ETag = etag.ToString();
        context.Response.Headers.CacheControl = cacheControl;
        var presented = context.Request.GetTypedHeaders().IfNoneMatch;

        // If-None-Match compares weakly (RFC 9110, 13.1.2): a proxy that compresses an answer weakens its ETag (W/"..."),
        // and the client then sends that back; it names the same content and must still be answered with 304.
        return presented.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
    }

    /// <summary>The answer when the client's copy is current.</summary>
    public static IResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);
}
