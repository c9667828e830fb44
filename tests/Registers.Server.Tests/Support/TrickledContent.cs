using System.Net;

namespace Registers.Server.Tests.Support;

/// <summary>
/// A body sent as a slow link sends it: a step of bytes at a time, one step per interval, fast
/// enough for the server's minimum data rate. Sending stops when the request is cancelled or the connection breaks, so a
/// test that gives up never waits on it.
/// </summary>
public sealed class TrickledContent : DigestedContent
{
    private readonly int _step;
    private readonly TimeSpan _interval;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TrickledContent(byte[] body, int step, TimeSpan interval, string mediaType)
        : base(body, mediaType)
    {
        _step = step;
        _interval = interval;
    }

    /// <summary>Completes once the first step has been written to the connection.</summary>
    public Task Started => _started.Task;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var sent = 0; sent < Body.Length; sent += _step)
        {
            await stream.WriteAsync(Body.AsMemory(sent, Math.Min(_step, Body.Length - sent)), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _started.TrySetResult();
            await Task.Delay(_interval, cancellationToken);
        }
    }
}
