using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Registers.Server.Hosting;

/// <summary>RFC 9457 problem details, the only error shape the server answers with.</summary>
public static class Problems
{
    /// <summary>A problem result with optional extension members.</summary>
    public static ProblemHttpResult Result(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);

    /// <summary>Writes a problem straight to the response (for middleware that has no endpoint result).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>Writes a 503 problem with <c>Retry-After</c>: nothing is wrong with the request, and it succeeds if sent again later.</summary>
    public static Task WriteRetryLater(HttpContext context, int retryAfterSeconds, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Write(context, StatusCodes.Status503ServiceUnavailable, title, detail);
    }
}
