using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Registers.Server.Hosting;

/// <summary>
/// A path parameter as the client sent it, decoded once. Routing decodes every escape in a segment but <c>%2F</c>, so
/// from the route value a slash sent escaped (<c>a%2Fb</c>) cannot be told from a <c>%</c> followed by <c>2F</c>
/// (<c>a%252Fb</c>): both read <c>a%2Fb</c>. The parameter's segment of the request target says which.
/// </summary>
public static partial class RawPathValue
{
    /// <summary>
    /// The value of the parameter <paramref name="name"/>, from its segment of the request target (counted from the end,
    /// as host routing adds segments in front), with the format suffix taken off the last one. When that segment does not
    /// read as <paramref name="routed"/> (a target the server normalised, such as one with <c>..</c>), the route value
    /// with its escaped slashes unescaped.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="name">The parameter's name in the route pattern.</param>
    /// <param name="routed">The parameter's route value.</param>
    public static string Of(HttpContext context, string name, string routed)
    {
        ArgumentNullException.ThrowIfNull(context);
        routed ??= "";
        if (RequestTarget.RawPath(context) is not { } target
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || SegmentsFromEnd(endpoint.RoutePattern, name) is not { } fromEnd)
        {
            return ReadRoutes.PathValue(routed);
        }

        // Routing takes "/a/b/" as "/a/b".
        var segments = (target.Length > 1 && target.EndsWith('/') ? target[..^1] : target).Split('/');
        if (fromEnd >= segments.Length)
        {
            return ReadRoutes.PathValue(routed);
        }

        var sent = segments[^(fromEnd + 1)];
        var suffix = fromEnd == 0 ? Representation.TakenSuffix(context) : null;
        return WithoutSuffix(AsRouted(sent), suffix) == routed
            ? WithoutSuffix(Uri.UnescapeDataString(sent), suffix)
            : ReadRoutes.PathValue(routed);
    }

    /// <summary>How many segments follow the one that is the parameter <paramref name="name"/> alone, or null when none is.</summary>
    private static int? SegmentsFromEnd(RoutePattern pattern, string name)
    {
        for (var i = 0; i < pattern.PathSegments.Count; i++)
        {
            if (pattern.PathSegments[i].Parts is [RoutePatternParameterPart { IsCatchAll: false } parameter]
                && string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return pattern.PathSegments.Count - 1 - i;
            }
        }

        return null;
    }

    /// <summary>A segment decoded as routing decodes it: every escape but <c>%2F</c>.</summary>
    private static string AsRouted(string segment) =>
        string.Concat(EscapedSlash().Split(segment).Select((part, i) => i % 2 == 1 ? part : Uri.UnescapeDataString(part)));

    private static string WithoutSuffix(string value, string? suffix) =>
        suffix is not null && value.EndsWith("." + suffix, StringComparison.Ordinal) ? value[..^(suffix.Length + 1)] : value;

    /// <summary>An escaped slash, captured so that splitting keeps it.</summary>
    [GeneratedRegex("(%2[Ff])")]
    private static partial Regex EscapedSlash();
}
