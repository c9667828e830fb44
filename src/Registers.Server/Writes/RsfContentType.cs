using Microsoft.Net.Http.Headers;

namespace Registers.Server.Writes;

/// <summary>Whether a load's <c>Content-Type</c> is RSF, which is UTF-8 and nothing else.</summary>
internal static class RsfContentType
{
    /// <summary>Why <paramref name="contentType"/> is not one a load reads, or null when it is.</summary>
    public static string? Refusal(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(WriteEndpoints.RsfMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return $"Send the file as Content-Type: {WriteEndpoints.RsfMediaType}.";
        }

        // Read as UTF-8 whatever it says, a file in another encoding would load as other text than its sender's.
        return BodyCharset.OtherThanUtf8(parsed) is { } charset
            ? $"RSF is UTF-8: send the file as Content-Type: {WriteEndpoints.RsfMediaType} or with charset=utf-8, not charset={charset}."
            : null;
    }
}
