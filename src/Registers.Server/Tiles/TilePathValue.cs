using Microsoft.AspNetCore.Http.Features;
using Registers.Server.Hosting;

namespace Registers.Server.Tiles;

/// <summary>
/// The tile path as the client sent it. The OpenAPI document has it as one path parameter, so a generated client
/// escapes its <c>/</c> as <c>%2F</c>, which routing leaves escaped in the route value. But the server also turns
/// <c>%252F</c> or <c>%2%46</c> into that same text, so a <c>%2F</c> is taken as a slash only when the request
/// target ends with the route value as it is: then the client wrote each one as <c>%2F</c> and nothing else.
/// </summary>
internal static class TilePathValue
{
    /// <summary>What follows <c>tile/</c>, with the slashes the client escaped as <c>%2F</c> (or <c>%2f</c>) unescaped.</summary>
    public static string Of(HttpContext context, string? routeValue)
    {
        var value = routeValue ?? "";
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var targetPath = query < 0 ? target : target[..query];
        return targetPath.EndsWith("/tile/" + value, StringComparison.Ordinal) ? ReadRoutes.PathValue(value) : value;
    }
}
