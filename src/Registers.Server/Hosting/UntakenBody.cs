using Microsoft.AspNetCore.Http.Features;

namespace Registers.Server.Hosting;

/// <summary>
/// Refuses a body sent to a write that takes none (a revocation, dated by the server): read by nothing, it was dropped
/// unseen, and whatever its sender meant by it (an <c>end-date</c>, say) silently not done.
/// </summary>
public static class UntakenBody
{
    /// <summary>The 400 problem of a request to <paramref name="context"/>'s endpoint that carries a body, or null when it carries none.</summary>
    public static IResult? Refusal(HttpContext context)
    {
        return IsSent(context)
            ? Problems.Result(StatusCodes.Status400BadRequest, "Body not taken",
                $"Nothing was written: {context.Request.Method} {RegisterAddressing.OriginalPath(context)} takes no body, and this request sends one"
                + $"{(string.IsNullOrEmpty(context.Request.ContentType) ? "" : $" ({context.Request.ContentType})")}; send it without.")
            : null;
    }

    /// <summary>Whether the request carries a body.</summary>
    public static bool IsSent(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The server's word on whether a body follows: a chunked body has no Content-Length; Content-Length: 0 is no body.
        return context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;
    }
}
