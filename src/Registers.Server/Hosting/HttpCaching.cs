using Microsoft.Net.Http.Headers;

namespace Registers.Server.Hosting;

/// <summary>
/// Cache headers by kind of resource. What a register says at a fixed size never changes, so it is
/// immutable and cacheable for a year; what moves with the register (its latest checkpoint) carries
/// an ETag tied to the tree size and must be revalidated.
/// </summary>
public static class HttpCaching
{
    /// <summary>The Cache-Control of what never changes.</summary>
    internal const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>The Cache-Control of what moves with the register.</summary>
    internal const string RevalidateCacheControl = "public, no-cache";

    /// <summary>Marks the response immutable with a strong ETag; true when the client already has it (answer 304).</summary>
    /// <param name="context">The request.</param>
    /// <param name="tag">The ETag's opaque part.</param>
    /// <param name="linked">Whether the answer holds links, which lead below a proxy's prefix (see <see cref="Apply"/>).</param>
    public static bool Immutable(HttpContext context, string tag, bool linked = false) => Apply(context, tag, ImmutableCacheControl, linked);

    /// <summary>Marks the response as one to revalidate, with an ETag; true when the client already has it (answer 304).</summary>
    /// <inheritdoc cref="Immutable" path="/param"/>
    public static bool Revalidate(HttpContext context, string tag, bool linked = false) => Apply(context, tag, RevalidateCacheControl, linked);

    /// <summary>
    /// Sets the ETag and caching; true when the client's copy is current. Links begin with the prefix a proxy names, so a
    /// linked answer's copy under one prefix is not another's: its tag names the prefix (none without one), and the Vary
    /// its 200 says is said on its 304 too. An answer without links (a checkpoint, whose tag an If-Match sends back, a tile,
    /// an item, a download) is the same under every prefix and keeps its tag.
    /// </summary>
    private static bool Apply(HttpContext context, string tag, string cacheControl, bool linked)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prefix = linked ? ClientTarget.PrefixVaried(context) : "";
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
