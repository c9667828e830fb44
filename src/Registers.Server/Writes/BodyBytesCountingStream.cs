using Registers.Server.Hosting;

namespace Registers.Server.Writes;

/// <summary>
/// A body of no stated length (chunked) that takes its key's bytes as it arrives, and throws
/// <see cref="TooManyBodyBytesException"/> once it would take the key past its limit: such a body cannot be weighed before it is read.
/// </summary>
internal sealed class BodyBytesCountingStream(Stream inner, BodyBytesTaken taken, long perKey) : ReadOnlyBodyStream
{
    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    private int Counted(int read)
    {
        if (read > 0 && !taken.TryTakeMore(read))
        {
            throw TooManyBodyBytesException.WhileArriving(taken.Taken + read, perKey);
        }

        return read;
    }
}
