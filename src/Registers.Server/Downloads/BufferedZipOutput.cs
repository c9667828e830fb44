namespace Registers.Server.Downloads;

/// <summary>
/// Where a ZIP archive is written before it reaches the response: in memory, drained into the response asynchronously
/// after each file and by any asynchronous write that fills a buffer. The archive writer finishes each file with a
/// synchronous write (its deflate stream's last block), which the server refuses on a response; here that write lands in
/// memory and goes out with the next drain.
/// </summary>
internal sealed class BufferedZipOutput(Stream target) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _drained;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _drained + _pending.Length;
        set => throw new NotSupportedException();
    }

    private const int DrainThreshold = 64 * 1024;

    /// <summary>Sends what has been written to the target once it fills a buffer of 64 KiB.</summary>
    public Task DrainIfFullAsync(CancellationToken cancellation) =>
        _pending.Length >= DrainThreshold ? DrainAsync(cancellation) : Task.CompletedTask;

    /// <summary>Sends what has been written since the last drain to the target.</summary>
    public async Task DrainAsync(CancellationToken cancellation)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        await target.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellation);
        _drained += _pending.Length;
        _pending.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    // An asynchronous write may drain: the directory at the end of the archive, some 120 bytes a file, is written so, and
    // would otherwise be held whole until the archive ends.
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _pending.Write(buffer, offset, count);
        return DrainIfFullAsync(cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        return new ValueTask(DrainIfFullAsync(cancellationToken));
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
