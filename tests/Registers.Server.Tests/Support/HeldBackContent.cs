using System.Net;

namespace Registers.Server.Tests.Support;

/// <summary>
/// A body sent as a slow client sends it: the first part at once, the rest only when the test lets it go
/// (or never, when the test gives up).
/// </summary>
public sealed class HeldBackContent : DigestedContent
{
    private readonly int _sentFirst;
    private readonly TaskCompletionSource _firstPartSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldBackContent(byte[] body, int sentFirst, string mediaType)
        : base(body, mediaType) => _sentFirst = sentFirst;

    /// <summary>Completes once the first part has been written to the connection.</summary>
    public Task FirstPartSent => _firstPartSent.Task;

    /// <summary>Sends the rest of the body.</summary>
    public void Release() => _rest.TrySetResult();

    /// <summary>Never sends the rest: the request fails, and the client breaks the connection off.</summary>
    public void Abandon() => _rest.TrySetException(new IOException("the test abandoned the upload"));

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(Body.AsMemory(0, _sentFirst));
        await stream.FlushAsync();
        _firstPartSent.TrySetResult();
        await _rest.Task;
        await stream.WriteAsync(Body.AsMemory(_sentFirst));
    }
}
