using Microsoft.Net.Http.Headers;
using Registers.Server.Hosting;
using Registers.Server.OpenApi;

namespace Registers.Server.Writes;

/// <summary>
/// Publishes the server's write limits, so a client cuts its batches to fit them before it sends any: otherwise a server set
/// below the defaults is first told of with a 413, for every batch of every load and import.
/// </summary>
public static class WriteLimitsEndpoint
{
    /// <summary>Where the limits are published.</summary>
    public const string Path = "/.well-known/registers/write-limits";

    /// <summary>
    /// A minute: the limits change only when the server restarts with other settings, and a client that read them stale
    /// still learns the new ones from a 413.
    /// </summary>
    internal const string CacheControl = "public, max-age=60";

    /// <summary>Maps the limits' read: anyone may ask, as a client reads them before it signs anything.</summary>
    public static void MapWriteLimits(this IEndpointRouteBuilder routes) =>
        routes.MapRead(Path, (HttpContext context, ServerOptions options) => Answer(context, options))
            .WithTags("Writes")
            .Describe("getWriteLimits", "The limits the server holds write bodies to",
                "`max-body-bytes` (a JSON write's body), `max-rsf-bytes` (an RSF load's body) and `max-entries-per-write` (entries in one JSON write): "
                + "a write past any of them is refused with 413. A client cuts its batches to fit before it sends them. `concurrent-loads-per-key`: the RSF loads "
                + "one key may have arriving or loading at once; one more is refused with 429 and `Retry-After` before its body is read. `concurrent-body-bytes-per-key`: "
                + "the bytes of JSON write bodies one key may have arriving or being written at once; a write that would pass them is refused with 429 and `Retry-After` "
                + "before its body is read (one sent without a `Content-Length`, once it grows past them). "
                + "A server that does not publish them answers 404.")
            .Produces<WriteLimits>(StatusCodes.Status200OK, Representation.JsonMediaType)
            .WithExample(Representation.JsonMediaType, Examples.WriteLimits)
            .Sends(HeaderNames.CacheControl, $"`{CacheControl}`: the limits change only when the server is restarted with other settings.")
            .ProducesProblem(StatusCodes.Status406NotAcceptable);

    private static IResult Answer(HttpContext context, ServerOptions options)
    {
        if (Representation.RefuseAllButJson(context) is { } refused)
        {
            return refused;
        }

        context.Response.Headers.CacheControl = CacheControl;
        return Representation.Json(WriteLimits.Of(options));
    }
}
