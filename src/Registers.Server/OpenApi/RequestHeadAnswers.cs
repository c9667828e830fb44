using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Registers.Server.Hosting;

namespace Registers.Server.OpenApi;

/// <summary>
/// Declares on an operation the 414 and 431 problems of a request whose head passes the server's limits: the check
/// (<see cref="RequestHeadCheck"/>) runs before routing, so every operation may answer them, each with the limit it names.
/// </summary>
internal static class RequestHeadAnswers
{
    /// <summary>Adds the two answers, with the limits this server keeps.</summary>
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        var limits = context.ApplicationServices.GetRequiredService<RequestHeadLimits>();
        operation.Responses ??= [];
        operation.Responses["414"] = await OperationDocs.ProblemAsync(
            $"URI Too Long: the request target (path and query, as sent) is more than {Number(limits.MaxTargetBytes)} bytes, named in `{RequestHeadCheck.MaxTargetBytesMember}`",
            context, cancellation);
        operation.Responses["431"] = await OperationDocs.ProblemAsync(
            $"Request Header Fields Too Large: the header fields are more than {Number(limits.MaxHeaderBytes)} bytes, each counted as its line "
            + $"(`{RequestHeadCheck.MaxHeaderBytesMember}`), or more than {Number(limits.MaxHeaderFields)} header fields (`{RequestHeadCheck.MaxHeaderFieldsMember}`)",
            context, cancellation);
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
