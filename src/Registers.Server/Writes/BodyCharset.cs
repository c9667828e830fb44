using Microsoft.Net.Http.Headers;

namespace Registers.Server.Writes;

/// <summary>The charset a write's <c>Content-Type</c> names: every write body, JSON (RFC 8259 8.1) or RSF, is read as UTF-8.</summary>
internal static class BodyCharset
{
    /// <summary>The charset <paramref name="mediaType"/> names when it is other than UTF-8; null when it names UTF-8 or none.</summary>
    public static string? OtherThanUtf8(MediaTypeHeaderValue mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset); // charset="utf-8" says the same as charset=utf-8
        return charset.HasValue && !IsUtf8(charset.Value!) ? charset.Value : null;
    }

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
