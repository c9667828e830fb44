using Registers.Protocol.Json;

namespace Registers.Server.Hosting;

/// <summary>Where an old path now is: the status to send the client there with, and the path segment that replaces the old one.</summary>
/// <param name="Status">301 for a path that moved for good, 307 for <c>/v1/...</c> (GOV.UK's choice: the versioned path was a mistake to undo, not a move).</param>
/// <param name="Segment">The segment that replaces the old one; empty when the old one is dropped.</param>
/// <param name="TailSegments">How many segments of the path follow the old one, carried over as the client sent them.</param>
internal readonly record struct LegacyMove(int Status, string Segment, int TailSegments);

/// <summary>
/// GOV.UK's server sent reads of the singular paths of its first releases (<c>/record/K</c>, <c>/entry/N</c>,
/// <c>/item/sha-256:H</c>) on to the plural ones with 301, and reads below <c>/v1</c> to the same path without it with
/// 307; links and clients of that time still work here. Runs after <see cref="RegisterAddressing"/>, so the old paths
/// are found on a register's own host too, and the redirect points where the client looks. Writes are not redirected:
/// their signatures bind the path they were sent to; another method than a read is a 405 naming the reads.
/// </summary>
public sealed class LegacyPaths(RequestDelegate next)
{
    /// <summary>Sends a read of an old path on, or calls the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (Find(request.Path.Value ?? "", out var register) is not { } move)
        {
            return next(context);
        }

        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            // Reads are answered here (sent on), so another method is a 405 naming them, as on any read path; not a
            // 404 saying nothing is served here. A write is not sent on: its signature binds the path it was sent to.
            context.Response.Headers.Allow = "GET, HEAD";
            var path = ClientTarget.PathOf(context, RegisterAddressing.OriginalUriPath(context));
            return Problems.Write(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed",
                $"'{path}' does not answer {request.Method}; it answers GET, HEAD.");
        }

        var tail = move.TailSegments == 0 ? Representation.TakenSuffix(context) is { } suffix ? "." + suffix : ""
            : "/" + LastSegments(RegisterAddressing.OriginalUriPath(context), move.TailSegments);
        var segment = move.Segment.Length == 0 ? "" : "/" + move.Segment;
        var location = RegisterAddressing.RegisterBase(context, register) + segment + tail;
        if (!StaysOnThisHost(location))
        {
            return next(context); // "/v1//elsewhere.example" on a register's own host: no redirect off the server
        }

        context.Response.StatusCode = move.Status;
        context.Response.Headers.Location = location + request.QueryString;
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="location"/> is a path on this host: a browser reads <c>//host</c> and <c>/\host</c> as another host.</summary>
    internal static bool StaysOnThisHost(string location) =>
        location.StartsWith('/') && !(location.Length > 1 && location[1] is '/' or '\\');

    /// <summary>
    /// Whether <paramref name="path"/> (as routed: <c>/registers/&lt;name&gt;/...</c>, its format suffix taken off) is an old
    /// path, and where it went.
    /// </summary>
    internal static LegacyMove? Find(string path, out string register)
    {
        var segments = path.Split('/');
        register = segments.Length > 2 ? segments[2] : "";
        if (segments.Length < 4 || segments[0].Length != 0 || segments[1] != "registers" || !CanonicalJson.IsAttributeName(register))
        {
            return null;
        }

        var tail = segments.Length - 4;
        return (segments[3], tail) switch
        {
            ("record", > 0) => new LegacyMove(StatusCodes.Status301MovedPermanently, "records", tail),
            ("entry", > 0) => new LegacyMove(StatusCodes.Status301MovedPermanently, "entries", tail),
            ("item", > 0) => new LegacyMove(StatusCodes.Status301MovedPermanently, "items", tail),
            ("v1", > 0) => new LegacyMove(StatusCodes.Status307TemporaryRedirect, "", tail),
            ("v1", 0) => new LegacyMove(StatusCodes.Status301MovedPermanently, "register", 0),
            _ => null,
        };
    }

    /// <summary>
    /// The last <paramref name="count"/> segments of <paramref name="path"/>: from the path as the client sent it, so its
    /// escapes (<c>%2F</c> in a key) and its format suffix go on unchanged. Routing decodes all but <c>%2F</c>, so the
    /// path sent has as many segments after the old one as the path routed.
    /// </summary>
    internal static string LastSegments(string path, int count)
    {
        ArgumentNullException.ThrowIfNull(path);
        var start = path.Length;
        for (var found = 0; found < count && start > 0; found++)
        {
            start = path.LastIndexOf('/', start - 1);
        }

        return path[(start + 1)..];
    }
}
