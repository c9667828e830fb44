using System.Text.Json.Serialization;
using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>The limits this server holds writes to, as <c>/.well-known/registers/write-limits</c> publishes them.</summary>
/// <param name="MaxBodyBytes">The largest JSON write body taken, in bytes (a larger one is a 413).</param>
/// <param name="MaxRsfBytes">The largest RSF load body taken, in bytes (a larger one is a 413).</param>
/// <param name="MaxEntriesPerWrite">The most entries one JSON write may carry (more is a 413); an RSF load has no such limit.</param>
/// <param name="ConcurrentLoadsPerKey">The most RSF loads one key may have arriving or loading at once (one more is a 429).</param>
/// <param name="ConcurrentBodyBytesPerKey">The most bytes of JSON write bodies one key may have arriving or being written at once (a write past them is a 429).</param>
/// <remarks>
/// Numbers only: the server's JSON options also read numbers from strings, and the OpenAPI document declared each limit
/// "integer or string" after them, where the limits are always sent as numbers.
/// </remarks>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record WriteLimits(long MaxBodyBytes, long MaxRsfBytes, int MaxEntriesPerWrite, int ConcurrentLoadsPerKey, long ConcurrentBodyBytesPerKey)
{
    /// <summary>The limits <paramref name="options"/> set: the very values the write endpoints enforce.</summary>
    public static WriteLimits Of(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WriteLimits(options.MaxBodyBytes, options.MaxRsfBytes, options.MaxEntriesPerWrite, options.ConcurrentLoadsPerKey, options.ConcurrentBodyBytesPerKey);
    }
}
