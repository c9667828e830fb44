namespace Registers.Server.Hosting;

/// <summary>
/// A request body read once, front to back, through something that watches or ends it: the <see cref="Stream"/> members
/// of a body that cannot be written, sought or measured, so that each such body keeps only its reading. Each says whether
/// it can be read synchronously (<see cref="Stream.Read(byte[], int, int)"/>), as what it reads from decides that.
/// </summary>
internal abstract class ReadOnlyBodyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    // Abstract again: Stream's own forwards to the array overload below, which forwards back here.
    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
