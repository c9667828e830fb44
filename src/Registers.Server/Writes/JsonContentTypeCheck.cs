using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>
/// Makes a JSON write's <c>Content-Type</c> say what the body is read as. It is read as UTF-8 whatever it says (RFC 8259
/// 8.1), so a charset other than UTF-8 is refused with 415 naming it: UTF-16 was refused as "not valid JSON", sending its
/// sender after a syntax error that is not there, and a charset that agrees with UTF-8 on ASCII was taken as other text
/// than its sender's. And a media type is named in any case (RFC 9110 8.3.1), where the JSON reader takes
/// <c>application/json</c> in lower case alone: <c>Application/JSON</c> was refused with 415, and is taken now.
/// </summary>
internal static class JsonContentTypeCheck
{
    public static IApplicationBuilder UseJsonContentTypeCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null
            || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) || !IsJson(mediaType))
        {
            await next(context);
            return;
        }

        if (BodyCharset.OtherThanUtf8(mediaType) is { } charset)
        {
            await Problems.Write(context, StatusCodes.Status415UnsupportedMediaType, "Charset not supported",
                $"Nothing was written: the body is said to be in charset '{charset}', and JSON writes are taken in utf-8 alone: "
                + $"send it in UTF-8, as Content-Type: {mediaType.MediaType.Value?.ToLowerInvariant()} or with charset=utf-8.");
            return;
        }

        var type = mediaType.MediaType.Value!;
        if (type != type.ToLowerInvariant())
        {
            mediaType.MediaType = type.ToLowerInvariant();
            context.Request.ContentType = mediaType.ToString();
        }

        await next(context);
    });

    // As the framework takes JSON: application/json, text/json, or any type with the +json suffix.
    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.MediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
