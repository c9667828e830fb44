using System.Buffers;
using System.Text;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;

namespace Registers.Protocol.Rsf;

/// <summary>
/// Writes RSF: one command a line, tab-separated, items as their canonical bytes. Writing back every command an
/// <see cref="RsfReader"/> read (each keeps its line end) gives the file byte for byte.
/// </summary>
/// <remarks>
/// Over a <see cref="Stream"/> the writer buffers and writes to the stream when 64 KiB have gathered, on
/// <see cref="Flush"/> and on <see cref="Dispose"/> (synchronous writes). Over an <see cref="IBufferWriter{T}"/> such as a
/// <see cref="System.IO.Pipelines.PipeWriter"/> it only writes into the buffer: the owner flushes, asynchronously if it likes.
/// </remarks>
public sealed class RsfWriter : IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly IBufferWriter<byte> _output;
    private readonly ArrayBufferWriter<byte>? _buffer;
    private readonly Stream? _stream;
    private readonly bool _leaveOpen;
    private bool _disposed;

    /// <summary>Writes to <paramref name="stream"/>, disposing of it with the writer unless <paramref name="leaveOpen"/>.</summary>
    public RsfWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        _output = _buffer;
    }

    /// <summary>Writes into <paramref name="output"/>; flushing it is the caller's business.</summary>
    public RsfWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>The line end of commands written by the <c>Write…</c> methods that take no command (<see cref="RsfLineEnd.Lf"/>, as GOV.UK wrote).</summary>
    public RsfLineEnd LineEnd { get; init; } = RsfLineEnd.Lf;

    /// <summary>Writes a command as it was read, with its own line end.</summary>
    /// <exception cref="ArgumentException">The command is <see cref="RsfCommandKind.Malformed"/>: there is no valid RSF for it.</exception>
    public void Write(in RsfCommand command)
    {
        switch (command.Kind)
        {
            case RsfCommandKind.AddItem:
                WriteAddItem(command.ItemJson.Span, command.LineEnd);
                break;
            case RsfCommandKind.AppendEntry:
                WriteAppendEntry(command.Log, command.Key.Span, command.Timestamp, command.ItemHashes.Span, command.LineEnd);
                break;
            case RsfCommandKind.AssertRootHash:
                WriteAssertRootHash(command.RootHash, command.LineEnd);
                break;
            default:
                throw new ArgumentException($"Line {command.LineNumber} is malformed; it cannot be written as RSF.", nameof(command));
        }
    }

    /// <summary>Writes <c>add-item</c> with the item's canonical bytes.</summary>
    public void WriteAddItem(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        WriteAddItem(item.Bytes, LineEnd);
    }

    /// <summary>Writes <c>append-entry</c>.</summary>
    /// <exception cref="ArgumentException">The key is not valid in <paramref name="log"/>, or there are no item hashes.</exception>
    public void WriteAppendEntry(EntryLog log, ReadOnlySpan<char> key, EntryTimestamp timestamp, ReadOnlySpan<Digest> itemHashes)
    {
        if (!EntryKey.IsValid(log, key, out var keyError))
        {
            throw new ArgumentException($"Not a valid {log.ToWireName()} key: {keyError.Message}.", nameof(key));
        }

        if (itemHashes.IsEmpty)
        {
            throw new ArgumentException("An entry refers to at least one item.", nameof(itemHashes));
        }

        WriteAppendEntry(log, key, timestamp, itemHashes, LineEnd);
    }

    /// <summary>Writes <c>assert-root-hash</c>.</summary>
    public void WriteAssertRootHash(in Digest root) => WriteAssertRootHash(root, LineEnd);

    /// <summary>Writes what is buffered to the stream and flushes it (nothing to do over an <see cref="IBufferWriter{T}"/>).</summary>
    public void Flush()
    {
        if (_stream is null || _buffer is null)
        {
            return;
        }

        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        _stream.Flush();
    }

    /// <summary>Flushes, then disposes of the stream unless it was to be left open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Flush();
        if (_stream is not null && !_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void WriteAddItem(ReadOnlySpan<byte> json, RsfLineEnd lineEnd)
    {
        var line = _output.GetSpan("add-item\t".Length + json.Length + 2);
        var at = Append(line, 0, "add-item\t"u8);
        at = Append(line, at, json);
        Commit(line, at, lineEnd);
    }

    private void WriteAppendEntry(EntryLog log, ReadOnlySpan<char> key, EntryTimestamp timestamp, ReadOnlySpan<Digest> itemHashes, RsfLineEnd lineEnd)
    {
        var line = _output.GetSpan("append-entry\tsystem\t".Length + key.Length + 1 + EntryTimestamp.Length + (itemHashes.Length * (Digest.Utf8Length + 1)) + 2);
        var at = Append(line, 0, "append-entry\t"u8);
        at = Append(line, at, log == EntryLog.User ? "user\t"u8 : "system\t"u8);
        Ascii.FromUtf16(key, line[at..], out var written); // valid keys are ASCII
        at += written;
        line[at++] = (byte)'\t';
        at += timestamp.Format(line[at..]);
        for (var i = 0; i < itemHashes.Length; i++)
        {
            line[at++] = i == 0 ? (byte)'\t' : (byte)';';
            at += itemHashes[i].FormatUtf8(line[at..]);
        }

        Commit(line, at, lineEnd);
    }

    private void WriteAssertRootHash(in Digest root, RsfLineEnd lineEnd)
    {
        var line = _output.GetSpan("assert-root-hash\t".Length + Digest.Utf8Length + 2);
        var at = Append(line, 0, "assert-root-hash\t"u8);
        at += root.FormatUtf8(line[at..]);
        Commit(line, at, lineEnd);
    }

    private void Commit(Span<byte> line, int at, RsfLineEnd lineEnd)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (lineEnd == RsfLineEnd.CrLf)
        {
            line[at++] = (byte)'\r';
        }

        if (lineEnd != RsfLineEnd.None)
        {
            line[at++] = (byte)'\n';
        }

        _output.Advance(at);
        if (_stream is not null && _buffer is not null && _buffer.WrittenCount >= FlushThreshold)
        {
            _stream.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        return at + bytes.Length;
    }
}
