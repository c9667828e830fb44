using Microsoft.Net.Http.Headers;

namespace Registers.Server.Hosting;

/// <summary>
/// Completes the problems the framework writes by itself (no route matched the path, the path does not answer the
/// method, the request could not be bound): they come with a title alone, and a client needs to be told what was
/// wrong. A JSON body that could not be read comes with .NET's words, and is said again in the client's (<see cref="UnreadableJson"/>).
/// The problems the endpoints write already say it and are left as they are.
/// </summary>
public static class FrameworkProblems
{
    /// <summary>
    /// The member naming the path of a 404 that no endpoint answered: a path this server never serves, so a client can tell
    /// a wrong address (a path below the server it was not published at) from a register, record or write not found.
    /// </summary>
    public const string UnservedPathMember = "unserved-path";

    /// <summary>Gives a problem without a detail one that names the path (as the client sent it) and, for 405, the methods it answers; for 406, the media type to accept.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (UnreadableJson.TryRewrite(context) || !string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        var http = context.HttpContext;
        // Below a proxy's prefix, escaped as the client sent it, as the prefix is: the one path a client can compare with its own.
        var path = ClientTarget.PathOf(http, RegisterAddressing.OriginalUriPath(http));
        if (problem.Status == StatusCodes.Status404NotFound && http.GetEndpoint() is null)
        {
            problem.Extensions[UnservedPathMember] = path;
        }

        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing is served at '{path}'; /openapi/v1.json lists the paths this server answers.",
            StatusCodes.Status405MethodNotAllowed => $"'{path}' does not answer {http.Request.Method}; it answers {http.Response.Headers[HeaderNames.Allow]}.",
            // A write's answer is JSON alone (a receipt or a problem): refused before anything is written.
            StatusCodes.Status406NotAcceptable =>
                $"{http.Request.Method} {path} answers JSON: accept application/json, not '{http.Request.Headers.Accept}'. Nothing was written.",
            StatusCodes.Status400BadRequest => $"The request for '{path}' could not be read.",
            _ => problem.Detail,
        };
    }
}
