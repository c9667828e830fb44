using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Registers.Server.Writes;

/// <summary>
/// Whether a write's <c>Content-Type</c> names the one media type it takes: that type, in any case (RFC 9110 8.3.1), with no
/// parameter but a charset naming UTF-8, as every write body is read as UTF-8. Anything else is a body read as what its
/// sender did not say it is: a type the framework would read as JSON all the same (<c>text/json</c>, <c>+json</c>), a
/// parameter it would drop unread, a charset it would not honour, or two <c>Content-Type</c> fields, of which it reads one.
/// </summary>
internal static class BodyMediaType
{
    /// <summary>How a body sent with <paramref name="contentType"/> fails to be of <paramref name="taken"/>, said of "this one"; null when it is of it.</summary>
    public static string? Refusal(StringValues contentType, string taken)
    {
        if (contentType.Count == 0)
        {
            return "is sent without a Content-Type";
        }

        if (contentType.Count > 1)
        {
            return $"is sent with {contentType.Count} Content-Type fields ('{string.Join("', '", contentType.ToArray())}'), and a body is of one type";
        }

        var value = contentType.ToString();
        if (!MediaTypeHeaderValue.TryParse(value, out var parsed))
        {
            return $"is sent as '{value}', which is not one media type";
        }

        if (!parsed.MediaType.Equals(taken, StringComparison.OrdinalIgnoreCase))
        {
            return $"is sent as '{value}'";
        }

        var charsets = 0;
        foreach (var parameter in parsed.Parameters)
        {
            if (!parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                return $"is sent as '{value}', whose parameter '{parameter.Name}' {taken} does not take: its one parameter is charset=utf-8";
            }

            charsets++;
        }

        if (charsets > 1)
        {
            return $"is sent as '{value}', which names its charset {charsets} times";
        }

        return BodyCharset.OtherThanUtf8(parsed) is { } charset
            ? $"is sent as '{value}', said to be in charset '{charset}', and a write's body is read as utf-8 alone"
            : null;
    }
}
