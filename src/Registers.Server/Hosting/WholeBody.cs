using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Registers.Server.Hosting;

/// <summary>
/// An answer made whole before it is sent, so it leaves in one write with its <c>Content-Length</c> instead of in
/// chunks: a record is a few hundred bytes and a page at most a few megabytes, and under load the second write of a
/// chunked answer (its last, empty chunk) was a send call as costly as the first. HEAD gets the headers alone.
/// </summary>
public abstract class WholeBody : IResult
{
    /// <summary>A text answer of <paramref name="contentType"/>, in UTF-8.</summary>
    public static WholeBody Text(string text, string contentType) => new Bytes(Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>An answer of <paramref name="contentType"/> already made.</summary>
    public static WholeBody Of(ReadOnlyMemory<byte> bytes, string contentType) => new Bytes(bytes, contentType);

    /// <summary>A JSON answer, serialised with the server's JSON options as <typeparamref name="T"/> declares it.</summary>
    public static WholeBody Json<T>(T value) => new Serialized<T>(value);

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (bytes, contentType) = Render(httpContext);
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }

    /// <summary>The body and its content type.</summary>
    protected abstract (ReadOnlyMemory<byte> Bytes, string ContentType) Render(HttpContext context);

    private sealed class Bytes(ReadOnlyMemory<byte> bytes, string contentType) : WholeBody
    {
        protected override (ReadOnlyMemory<byte> Bytes, string ContentType) Render(HttpContext context) => (bytes, contentType);
    }

    private sealed class Serialized<T>(T value) : WholeBody
    {
        protected override (ReadOnlyMemory<byte> Bytes, string ContentType) Render(HttpContext context)
        {
            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return (JsonSerializer.SerializeToUtf8Bytes(value, options), Representation.JsonMediaType);
        }
    }
}
