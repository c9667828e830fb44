namespace Registers.Client.Writes;

/// <summary>
/// The limits a server holds write bodies to, as it publishes them: a write past any of them is refused (413), so batches
/// cut to fit them are taken at the first try.
/// </summary>
/// <param name="MaxBodyBytes">The largest JSON write body (<see cref="RegistersClient.AppendAsync"/>), in bytes, as <see cref="AppendBodySize"/> counts it.</param>
/// <param name="MaxRsfBytes">The largest RSF load body (<see cref="RegistersClient.LoadRsfAsync"/>), in bytes.</param>
/// <param name="MaxEntriesPerWrite">The most entries one JSON write may carry; an RSF load has no such limit.</param>
/// <param name="ConcurrentLoadsPerKey">
/// The most RSF loads one key may have arriving or loading at once (one more is refused with 429 and <c>Retry-After</c>);
/// null from a server that does not publish it (one older than the limit's publication).
/// </param>
/// <param name="ConcurrentBodyBytesPerKey">
/// The most bytes of JSON write bodies one key may have arriving or being written at once (a write that would pass it is
/// refused with 429 and <c>Retry-After</c>); null from a server that does not publish it.
/// </param>
public sealed record WriteLimits(
    long MaxBodyBytes, long MaxRsfBytes, int MaxEntriesPerWrite, int? ConcurrentLoadsPerKey = null, long? ConcurrentBodyBytesPerKey = null);
