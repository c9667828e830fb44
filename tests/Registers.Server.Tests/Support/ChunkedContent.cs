using System.Net;

namespace Registers.Server.Tests.Support;

/// <summary>A body sent chunked, with no Content-Length, as a client streaming a body it has not measured sends it.</summary>
public sealed class ChunkedContent : DigestedContent
{
    public ChunkedContent(byte[] body, string mediaType)
        : base(body, mediaType) => Headers.ContentLength = null;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(Body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
