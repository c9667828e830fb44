using System.Buffers;
using System.Buffers.Binary;

namespace Registers.Protocol.Rsf.Spill;

/// <summary>Reads the records of a <see cref="SpillFile"/> in the order they were written; disposing of it deletes the file.</summary>
internal sealed class SpillReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly FileStream _stream;
    private readonly SpillFile _file;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;

    public SpillReader(FileStream stream, SpillFile file)
    {
        _stream = stream;
        _file = file;
    }

    /// <summary>The next record, valid until the next call; false at the end of the file.</summary>
    /// <exception cref="InvalidDataException">The file ends inside a record.</exception>
    public bool TryRead(out ReadOnlySpan<byte> record)
    {
        record = default;
        if (!Fill(4))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start));
        if (!Fill(4 + length))
        {
            throw EndsInsideRecord();
        }

        record = _buffer.AsSpan(_start + 4, length);
        _start += 4 + length;
        return true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    // Makes at least count bytes available from _start; false when the file has ended with none pending.
    private bool Fill(int count)
    {
        while (_end - _start < count)
        {
            if (_buffer.Length - _start < count)
            {
                var bigger = _buffer.Length < count ? ArrayPool<byte>.Shared.Rent(count) : _buffer;
                _buffer.AsSpan(_start, _end - _start).CopyTo(bigger);
                if (bigger != _buffer)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = bigger;
                }

                _end -= _start;
                _start = 0;
            }

            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                return _end == _start ? false : throw EndsInsideRecord();
            }

            _end += read;
        }

        return true;
    }

    private static InvalidDataException EndsInsideRecord() => new("A spill file ends inside a record.");
}
