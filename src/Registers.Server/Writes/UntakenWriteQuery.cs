using Microsoft.AspNetCore.Authorization;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>Names the query parameters a write reads; a write without it reads none.</summary>
/// <param name="names">The parameters it reads.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TakesQueryAttribute(params string[] names) : Attribute
{
    /// <summary>The parameters the write reads.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>
/// Refuses, with a 400 that names it, a query parameter a write does not read. Dropped unseen, it had the write done
/// otherwise than its sender asked: a load sent with <c>?dry-run=true</c> was written for real. Unlike reads, writes
/// have no cache to bust, so no name is let through.
/// </summary>
internal static class UntakenWriteQuery
{
    public static IApplicationBuilder UseUntakenWriteQueryCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IAuthorizeData>() is null || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var taken = endpoint.Metadata.GetMetadata<TakesQueryAttribute>()?.Names ?? [];
        if (context.Request.Query.Keys.FirstOrDefault(name => !taken.Contains(name, StringComparer.Ordinal)) is not { } untaken)
        {
            await next(context);
            return;
        }

        await Problems.Write(context, StatusCodes.Status400BadRequest, "Parameter not taken",
            $"Nothing was written: {context.Request.Method} {RegisterAddressing.OriginalPath(context)} does not read '{untaken}', so it cannot write as that asks. "
            + UntakenQueryParameters.Takes(taken), new Dictionary<string, object?> { ["parameter"] = untaken });
    });
}
