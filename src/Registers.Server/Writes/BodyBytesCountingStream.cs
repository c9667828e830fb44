namespace Registers.Server.Writes;

/// <summary>
/// A body of no stated length (chunked) that takes its key's bytes as it arrives, and throws
/// <see cref="TooManyBodyBytesException"/> once it would take the key past its limit: such a body cannot be weighed before it is read.
/// </summary>
internal sealed class BodyBytesCountingStream(Stream inner, BodyBytesTaken taken, long perKey) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Counted(int read)
    {
        if (read > 0 && !taken.TryTakeMore(read))
        {
            throw TooManyBodyBytesException.WhileArriving(taken.Taken + read, perKey);
        }

        return read;
    }
}
