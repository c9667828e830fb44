using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>
/// Refuses a JSON write whose <c>Content-Type</c> names a charset other than UTF-8. The body is read as UTF-8 whatever it
/// says (RFC 8259 8.1), so UTF-16 was refused as "not valid JSON", sending its sender after a syntax error that is not
/// there, and a charset that agrees with UTF-8 on ASCII was taken as other text than its sender's: 415 names the charset.
/// </summary>
internal static class JsonCharsetCheck
{
    public static IApplicationBuilder UseJsonCharsetCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null
            || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) || !IsJson(mediaType)
            || BodyCharset.OtherThanUtf8(mediaType) is not { } charset)
        {
            await next(context);
            return;
        }

        await Problems.Write(context, StatusCodes.Status415UnsupportedMediaType, "Charset not supported",
            $"Nothing was written: the body is said to be in charset '{charset}', and JSON writes are taken in utf-8 alone: "
            + $"send it in UTF-8, as Content-Type: {mediaType.MediaType} or with charset=utf-8.");
    });

    // As the framework takes JSON: application/json, text/json, or any type with the +json suffix.
    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.MediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
