using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Registers.Server.Hosting;

/// <summary>
/// A JSON object answer written member by member as the members are read. While it stays under
/// <see cref="WholeBytes"/> it is held and sent whole with its <c>Content-Length</c> (as <see cref="WholeBody"/> sends
/// every small answer); past that it is sent in chunks as it grows, so a page of large items never sits in memory
/// whole. <c>HEAD</c> gets the headers <c>GET</c> would: the length when the object is small, else none.
/// </summary>
/// <typeparam name="T">The members' values, serialised with the server's JSON options.</typeparam>
/// <param name="members">The members, names and values, in order.</param>
public sealed class JsonObjectBody<T>(IAsyncEnumerable<KeyValuePair<string, T>> members) : IResult
{
    /// <summary>The largest answer held to be sent whole.</summary>
    public const int WholeBytes = 4 << 20;

    // Once chunked, what is written is sent on in pieces of about this size.
    private const int ChunkBytes = 64 << 10;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var cancellation = httpContext.RequestAborted;
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var buffer = new ArrayBufferWriter<byte>();
        var streaming = false;
        response.ContentType = Representation.JsonMediaType;
        var type = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented }))
        {
            json.WriteStartObject();
            await foreach (var (name, value) in members.WithCancellation(cancellation))
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value, type);
                if (buffer.WrittenCount + json.BytesPending > (streaming ? ChunkBytes : WholeBytes))
                {
                    json.Flush();
                    if (HttpMethods.IsHead(httpContext.Request.Method))
                    {
                        return;
                    }

                    streaming = true;
                    await response.Body.WriteAsync(buffer.WrittenMemory, cancellation);
                    buffer.ResetWrittenCount();
                }
            }

            json.WriteEndObject();
        }

        if (!streaming)
        {
            await WholeBody.Of(buffer.WrittenMemory, Representation.JsonMediaType).ExecuteAsync(httpContext);
            return;
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, cancellation);
    }
}
