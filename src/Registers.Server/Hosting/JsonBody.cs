using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Registers.Server.Hosting;

/// <summary>
/// A JSON answer serialised whole before it is sent, so it leaves in one write with its <c>Content-Length</c>
/// instead of in chunks: a record is a few hundred bytes and a page at most a few megabytes, and under load the
/// second write of a chunked answer (its last, empty chunk) was a send call as costly as the first.
/// </summary>
/// <typeparam name="T">The type serialised, as declared.</typeparam>
/// <param name="value">The answer.</param>
public sealed class JsonBody<T>(T value) : IResult
{
    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, options);
        httpContext.Response.ContentType = Representation.JsonMediaType;
        httpContext.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }
}
