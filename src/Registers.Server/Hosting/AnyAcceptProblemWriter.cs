using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Registers.Server.Hosting;

/// <summary>
/// Writes the problems the framework's writer declines because the request's <c>Accept</c> takes no JSON, a 406's very
/// cause. Problem details are the only error shape the server answers with, so they are written anyway, as the
/// framework's writer writes the rest: the status's type and title, a <c>trace-id</c>, the server's own completions.
/// Declined, such a problem went out bare (no trace id), a framework 404 as plain text, and one that middleware writes
/// (a 401) failed as a 500.
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    /// <summary>The media type of every problem, whatever was asked for.</summary>
    private const string ProblemMediaType = "application/problem+json";

    /// <summary>Always: this writer comes after the framework's, for what it declines.</summary>
    public bool CanWrite(ProblemDetailsContext context) => true;

    /// <summary>Completes the problem as the framework's writer does, then writes it.</summary>
    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;

        // The framework's type and title of the status: a problem result made with it carries them.
        var defaults = TypedResults.Problem(statusCode: problem.Status).ProblemDetails;
        problem.Type ??= defaults.Type;
        problem.Title ??= defaults.Title;

        // Named as the framework's writer names it, by the JSON naming policy: trace-id.
        var serializer = json.Value.SerializerOptions;
        problem.Extensions[serializer.PropertyNamingPolicy?.ConvertName("traceId") ?? "traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, serializer.GetTypeInfo(problem.GetType()), ProblemMediaType));
    }
}
