using Registers.Protocol.Rsf;

namespace Registers.Cli.Audit;

/// <summary>
/// Writes through to <paramref name="inner"/> (left open), telling <paramref name="progress"/> the lines and bytes written so
/// far: how a download's progress is seen, the client only being given somewhere to write. Each write is given to
/// <paramref name="bound"/> first, so that bytes past it are never written.
/// </summary>
internal sealed class CountingStream(Stream inner, IProgress<RsfProgress> progress, RsfDownloadBound bound) : Stream
{
    private long _lines;
    private long _bytes;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    /// <summary>The bytes written so far.</summary>
    public override long Position
    {
        get => _bytes;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        bound.Take(buffer);
        inner.Write(buffer);
        Count(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        bound.Take(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
        Count(buffer.Span);
    }

    private void Count(ReadOnlySpan<byte> written)
    {
        _lines += written.Count((byte)'\n');
        _bytes += written.Length;
        progress.Report(new RsfProgress(_lines, _bytes));
    }
}
