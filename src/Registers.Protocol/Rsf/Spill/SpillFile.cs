using System.Buffers;
using System.Buffers.Binary;

namespace Registers.Protocol.Rsf.Spill;

/// <summary>
/// One file of spilled records, written from start to end, then read from start to end and deleted. A record is its
/// length (4 bytes, little-endian) then its bytes. The file counts its records, the weight its writer gave them (the
/// memory they may need once loaded) and whether their routes differ (if not, splitting it cannot help).
/// </summary>
internal sealed class SpillFile : IDisposable
{
    private const int BufferSize = 32 * 1024;

    private readonly SpillFolder _folder;
    private readonly string _name;
    private FileStream? _stream;
    private byte[]? _buffer;
    private int _used;
    private ulong _firstRoute;
    private bool _deleted;

    public SpillFile(SpillFolder folder, string name)
    {
        _folder = folder;
        _name = name;
        _stream = folder.Create(name);
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    public long Records { get; private set; }

    public long Weight { get; private set; }

    /// <summary>Whether two records have different routes.</summary>
    public bool Mixed { get; private set; }

    public void Append(ulong route, ReadOnlySpan<byte> record, long weight)
    {
        var stream = _stream ?? throw new InvalidOperationException("The file has been written.");
        var buffer = _buffer!;
        if (BufferSize - _used < 4 + record.Length)
        {
            stream.Write(buffer, 0, _used);
            _used = 0;
        }

        if (4 + record.Length > BufferSize)
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, record.Length);
            stream.Write(length);
            stream.Write(record);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(_used), record.Length);
            record.CopyTo(buffer.AsSpan(_used + 4));
            _used += 4 + record.Length;
        }

        Mixed |= Records > 0 && route != _firstRoute;
        _firstRoute = Records == 0 ? route : _firstRoute;
        Records++;
        Weight += weight;
    }

    /// <summary>Writes what is buffered and closes the file; nothing more may be appended.</summary>
    public void EndWriting() => Close(flush: true);

    /// <summary>Ends the writing and opens the file for reading; disposing of the reader deletes the file.</summary>
    public SpillReader Read()
    {
        EndWriting();
        return new SpillReader(_folder.Open(_name), this);
    }

    /// <summary>Closes the file, unwritten records and all, and deletes it.</summary>
    public void Dispose()
    {
        Close(flush: false);
        if (!_deleted)
        {
            _deleted = true;
            _folder.Delete(_name);
        }
    }

    private void Close(bool flush)
    {
        if (_stream is { } stream)
        {
            _stream = null;
            using (stream)
            {
                if (flush)
                {
                    stream.Write(_buffer!, 0, _used);
                }
            }
        }

        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
