using Microsoft.AspNetCore.Authorization;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>
/// Refuses a write whose body comes with a content coding (gzip, br, ...). The server decodes none, so the coded bytes
/// would be read as broken JSON or RSF and refused for what they are not: 415 names the coding, and
/// <c>Accept-Encoding: identity</c> says what is taken (RFC 9110 15.5.16). Reads carry no body and are let through.
/// </summary>
internal static class ContentCodingCheck
{
    private const string Identity = "identity";

    public static IApplicationBuilder UseContentCodingCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null || Coding(context.Request.Headers.ContentEncoding) is not { } coding)
        {
            await next(context);
            return;
        }

        context.Response.Headers.AcceptEncoding = Identity;
        await Problems.Write(context, StatusCodes.Status415UnsupportedMediaType, "Content coding not supported",
            $"Nothing was written: the body comes with Content-Encoding '{coding}', and writes are taken as sent, without one.");
    });

    /// <summary>The first coding named other than identity, or null.</summary>
    private static string? Coding(Microsoft.Extensions.Primitives.StringValues header) =>
        header.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(coding => !coding.Equals(Identity, StringComparison.OrdinalIgnoreCase));
}
