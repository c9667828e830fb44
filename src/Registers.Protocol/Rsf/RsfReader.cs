using System.Buffers;
using System.IO.Pipelines;

namespace Registers.Protocol.Rsf;

/// <summary>How an <see cref="RsfReader"/> treats its input.</summary>
public sealed record RsfReaderOptions
{
    /// <summary>The default longest line: 8 MiB, thousands of times the longest GOV.UK line (2,134 bytes) and room for large geometry items.</summary>
    public const int DefaultMaxLineLength = 8 * 1024 * 1024;

    /// <summary>The longest line accepted, in bytes without the line end. A longer line is reported and skipped without being held in memory.</summary>
    public int MaxLineLength
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The longest line must be at least one byte.");
    } = DefaultMaxLineLength;
}

/// <summary>
/// Reads RSF one line at a time from a stream of UTF-8: each <see cref="Read"/> (or <see cref="ReadAsync"/>) makes
/// <see cref="Current"/> the next line as a checked <see cref="RsfCommand"/>, or as a malformed one carrying the problem
/// with its line number. Bad input never throws; only the stream's own failures do.
/// </summary>
/// <remarks>
/// <para>Memory does not grow with the file: one pooled buffer holds the line being read (it grows to the longest line, at
/// most <see cref="RsfReaderOptions.MaxLineLength"/>; a longer line is skipped as it streams past), and a well-formed line
/// allocates nothing. <see cref="Current"/> points into that buffer and is valid until the next read.</para>
/// <para>Lines end in <c>\n</c> or <c>\r\n</c> (GOV.UK wrote the first, the specification's grammar the second); the last
/// line may have no end. Each command records its line end, so <see cref="RsfWriter"/> can give back the same bytes.</para>
/// </remarks>
public sealed class RsfReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;
    private const int MinimumRead = 4 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _maxLineLength;
    private readonly RsfLineParser _parser = new();
    private byte[] _buffer;
    private int _start; // first byte of the line being read
    private int _end; // end of the bytes read so far
    private int _scanned; // bytes after _start already searched for a newline
    private bool _endOfStream;
    private bool _skipping; // inside a line that is too long, discarding up to its newline
    private long _lineNumber;
    private long _bytesConsumed;

    /// <summary>Reads from <paramref name="stream"/>, disposing of it with the reader unless <paramref name="leaveOpen"/>.</summary>
    public RsfReader(Stream stream, RsfReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxLineLength = (options ?? new RsfReaderOptions()).MaxLineLength;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, _maxLineLength + 2));
    }

    /// <summary>Reads from <paramref name="reader"/> (an HTTP request body, say); the pipe is completed with the reader.</summary>
    public RsfReader(PipeReader reader, RsfReaderOptions? options = null)
        : this((reader ?? throw new ArgumentNullException(nameof(reader))).AsStream(), options)
    {
    }

    /// <summary>The line last read. Its memory is the reader's and is valid until the next read.</summary>
    public RsfCommand Current { get; private set; }

    /// <summary>The number of lines read so far (the line number of <see cref="Current"/>).</summary>
    public long LineNumber => _lineNumber;

    /// <summary>The bytes of input consumed so far, line ends included, for progress reports.</summary>
    public long BytesConsumed => _bytesConsumed;

    /// <summary>Reads the next line into <see cref="Current"/>; false at the end of the input.</summary>
    public bool Read()
    {
        while (!TryTakeLine())
        {
            if (_endOfStream)
            {
                return false;
            }

            var room = MakeRoom();
            Received(_stream.Read(_buffer, _end, room));
        }

        return true;
    }

    /// <inheritdoc cref="Read"/>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (!TryTakeLine())
        {
            if (_endOfStream)
            {
                return false;
            }

            var room = MakeRoom();
            Received(await _stream.ReadAsync(_buffer.AsMemory(_end, room), cancellationToken).ConfigureAwait(false));
        }

        return true;
    }

    /// <summary>Returns the buffer to the pool and disposes of the stream unless it was to be left open.</summary>
    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    // Takes the next whole line from the buffer into Current; false when more input is needed first.
    private bool TryTakeLine()
    {
        if (_skipping)
        {
            return TrySkipRestOfLongLine();
        }

        var pending = _buffer.AsSpan(_start, _end - _start);
        var newline = pending[_scanned..].IndexOf((byte)'\n');
        if (newline >= 0)
        {
            newline += _scanned;
            var crlf = newline > 0 && pending[newline - 1] == '\r';
            TakeLine(newline - (crlf ? 1 : 0), newline + 1, crlf ? RsfLineEnd.CrLf : RsfLineEnd.Lf);
            return true;
        }

        _scanned = pending.Length;
        if (_endOfStream)
        {
            if (pending.IsEmpty)
            {
                return false;
            }

            TakeLine(pending.Length, pending.Length, RsfLineEnd.None);
            return true;
        }

        if (pending.Length > _maxLineLength + 1) // + 1: a CR may still turn out to be part of the line end
        {
            _lineNumber++;
            _skipping = true;
            Discard(pending.Length);
            return TrySkipRestOfLongLine();
        }

        return false;
    }

    private void TakeLine(int length, int consumed, RsfLineEnd lineEnd)
    {
        _lineNumber++;
        Current = length > _maxLineLength
            ? RsfCommand.Malformed(LineTooLong(), lineEnd)
            : _parser.Parse(_buffer.AsMemory(_start, length), _lineNumber, lineEnd);
        _start += consumed;
        _scanned = 0;
        _bytesConsumed += consumed;
    }

    private bool TrySkipRestOfLongLine()
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            Discard(_end - _start);
            if (!_endOfStream)
            {
                return false;
            }
        }
        else
        {
            Discard(newline + 1);
        }

        _skipping = false;
        Current = RsfCommand.Malformed(LineTooLong(), newline < 0 ? RsfLineEnd.None : RsfLineEnd.Lf);
        return true;
    }

    private RsfProblem LineTooLong() =>
        new(_lineNumber, RsfProblemKind.LineTooLong, $"line longer than the limit of {_maxLineLength} bytes; skipped");

    private void Discard(int count)
    {
        _start += count;
        _bytesConsumed += count;
        _scanned = 0;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    private void Received(int count)
    {
        if (count == 0)
        {
            _endOfStream = true;
        }

        _end += count;
    }

    // Makes room after _end for the next read, moving the partial line to the front or growing the buffer; returns the room.
    private int MakeRoom()
    {
        if (_buffer.Length - _end >= MinimumRead)
        {
            return _buffer.Length - _end;
        }

        var pending = _end - _start;
        if (_start > 0 && _buffer.Length - pending >= MinimumRead)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else
        {
            // The line fills the buffer: grow it, at most to the longest line accepted (a longer one is skipped before then).
            var size = (int)Math.Min((long)_buffer.Length * 2, (long)_maxLineLength + 2 + MinimumRead);
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(size, pending + MinimumRead));
            _buffer.AsSpan(_start, pending).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        _start = 0;
        _end = pending;
        return _buffer.Length - _end;
    }
}
