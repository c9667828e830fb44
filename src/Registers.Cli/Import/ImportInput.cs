using System.Security.Cryptography;
using System.Text;
using Registers.Protocol.Hashing;

namespace Registers.Cli.Import;

/// <summary>The file of an import changed after it was read: what was checked is not what would be sent.</summary>
internal sealed class ChangedInputException(string message) : IOException(message);

/// <summary>
/// The file an import reads, read through once before its rows are: its SHA-256 (the batch keys are made of the very bytes
/// imported) and whether it is CSV at all. Its rows are then read twice, checked and then sent, a piece at a time: a pipe,
/// which gives its bytes once, is copied as it is read to a temporary file only its owner can read; a file is read
/// where it is, and must not change meanwhile (<see cref="ThrowIfChanged"/>).
/// </summary>
internal sealed class ImportInput : IDisposable
{
    private const int BufferBytes = 1 << 16;

    private readonly string _path;
    private readonly FileStream? _copy;
    private readonly FileStamp _stamp;

    private ImportInput(string path, FileStream? copy, FileStamp stamp, Digest digest, RowProblem? notCsv)
    {
        (_path, _copy, _stamp, Digest, NotCsv) = (path, copy, stamp, digest, notCsv);
    }

    /// <summary>The SHA-256 of the file.</summary>
    public Digest Digest { get; }

    /// <summary>Why the file cannot be CSV (it looks like JSON, or is not UTF-8), or null.</summary>
    public RowProblem? NotCsv { get; }

    /// <summary>Reads <paramref name="path"/> through once.</summary>
    public static async Task<ImportInput> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var source = FileProblem.Reading(path, p => new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));
        var stamp = FileStamp.Of(source);
        var copy = source.CanSeek ? null : CopyFile();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var utf8 = new InvalidUtf8();
            var json = new JsonLook();
            var buffer = new byte[BufferBytes];
            var held = 0; // bytes of a UTF-8 sequence cut off at the end of the last piece, moved to the front
            while (true)
            {
                var read = await source.ReadAtLeastAsync(buffer.AsMemory(held), buffer.Length - held, throwOnEndOfStream: false, cancellationToken);
                hash.AppendData(buffer, held, read);
                json.See(buffer.AsSpan(held, read));
                if (copy is not null)
                {
                    await copy.WriteAsync(buffer.AsMemory(held, read), cancellationToken);
                }

                var end = read < buffer.Length - held;
                var taken = utf8.Check(buffer.AsSpan(0, held + read), final: end);
                held = held + read - taken;
                buffer.AsSpan(taken, held).CopyTo(buffer);
                if (end)
                {
                    break;
                }
            }

            var input = new ImportInput(path, copy, stamp, Digest.FromBytes(hash.GetHashAndReset()), json.LooksLikeJson
                ? new RowProblem(1, null, "this looks like JSON, but import reads CSV: a header row of field names, then a row a record")
                : utf8.Problem);
            input.ThrowIfChanged();
            return input;
        }
        catch
        {
            copy?.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of the file (of the copy, for a pipe), by which progress is measured.</summary>
    public long Length => _copy?.Length ?? _stamp.Length;

    /// <summary>A reader of the file's text from its start, past a byte order mark; its stream's position says how far it has read.</summary>
    public StreamReader OpenText()
    {
        Stream stream;
        if (_copy is null)
        {
            stream = FileProblem.Reading(_path, p => new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan));
        }
        else
        {
            _copy.Position = 0;
            stream = _copy;
        }

        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes, leaveOpen: _copy is not null);
    }

    /// <summary>Throws <see cref="ChangedInputException"/> when the file is not as it was read (its length or time of change).</summary>
    public void ThrowIfChanged()
    {
        if (_copy is null && FileStamp.Of(_path) != _stamp)
        {
            throw new ChangedInputException($"{_path} changed while it was being imported: run the command again once it is saved (batches already sent are kept, and not sent twice)");
        }
    }

    public void Dispose() => _copy?.Dispose();

    private static FileStream CopyFile()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = BufferBytes,
            Options = OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None,
        };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(Path.Combine(Path.GetTempPath(), $"registers-import-{Guid.NewGuid():N}.csv"), options);
        }

        // Unlinked at once, read and written through the open handle: nothing is left behind even if the command is killed.
        options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var path = Path.Combine(Path.GetTempPath(), $"registers-import-{Guid.NewGuid():N}.csv");
        var copy = new FileStream(path, options);
        File.Delete(path);
        return copy;
    }

    /// <summary>A file's length and time of last change.</summary>
    private readonly record struct FileStamp(long Length, DateTime Written)
    {
        public static FileStamp Of(FileStream file) => file.CanSeek ? Of(file.Name) : default;

        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : default;
        }
    }

    /// <summary>Whether a file's first character, past a byte order mark and white space, opens a JSON object or array.</summary>
    private sealed class JsonLook
    {
        private bool _started;
        private bool? _json;

        public bool LooksLikeJson => _json == true;

        public void See(ReadOnlySpan<byte> bytes)
        {
            if (_json is not null)
            {
                return;
            }

            // The first piece is a whole buffer's worth, unless the file is shorter: a byte order mark is not cut in two.
            var text = !_started && bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
            _started = true;
            text = text.TrimStart(" \t\r\n"u8);
            _json = text.IsEmpty ? null : text[0] is (byte)'{' or (byte)'[';
        }
    }
}
