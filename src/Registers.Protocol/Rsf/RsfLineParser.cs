using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Json;

namespace Registers.Protocol.Rsf;

/// <summary>
/// Reads one line of RSF (without its line end) into a command, checking every field, or into the first
/// problem found. The key and hash list are written into scratch buffers reused from line to line, so a
/// well-formed line allocates nothing. Not thread-safe: one per reader.
/// </summary>
internal sealed class RsfLineParser
{
    private static ReadOnlySpan<byte> AddItemName => "add-item"u8;
    private static ReadOnlySpan<byte> AppendEntryName => "append-entry"u8;
    private static ReadOnlySpan<byte> AssertRootHashName => "assert-root-hash"u8;
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private char[] _key = new char[64];
    private Digest[] _hashes = new Digest[4];

    public RsfCommand Parse(ReadOnlyMemory<byte> line, long lineNumber, RsfLineEnd lineEnd)
    {
        var problem = ParseCore(line, lineNumber, lineEnd, out var command);
        return problem is null ? command : RsfCommand.Malformed(problem, lineEnd);
    }

    private RsfProblem? ParseCore(ReadOnlyMemory<byte> memory, long lineNumber, RsfLineEnd lineEnd, out RsfCommand command)
    {
        command = default;
        var line = memory.Span;
        if (line.IsEmpty)
        {
            return new RsfProblem(lineNumber, RsfProblemKind.EmptyLine, "empty line: every line of RSF is a command");
        }

        // Fields are tab-separated; an item's canonical JSON cannot hold a raw tab, so every line splits the same way.
        Span<Range> fields = stackalloc Range[6];
        var count = Split(line, fields);
        var name = line[fields[0]];
        if (name.SequenceEqual(AddItemName))
        {
            return ParseAddItem(memory, fields[..Math.Min(count, fields.Length)], count, lineNumber, lineEnd, out command);
        }

        if (!Ascii.IsValid(line) && !Utf8.IsValid(line))
        {
            var at = CanonicalJson.FirstInvalidUtf8(line);
            return new RsfProblem(lineNumber, RsfProblemKind.InvalidUtf8, "invalid UTF-8", at + 1);
        }

        if (name.SequenceEqual(AppendEntryName))
        {
            return CheckFieldCount(count, 5, "append-entry", "log, key, timestamp and item hashes", lineNumber)
                ?? ParseAppendEntry(line, fields, lineNumber, lineEnd, out command);
        }

        if (name.SequenceEqual(AssertRootHashName))
        {
            var problem = CheckFieldCount(count, 2, "assert-root-hash", "the root hash", lineNumber);
            if (problem is not null)
            {
                return problem;
            }

            var field = line[fields[1]];
            if (!Digest.TryParse(field, out var root))
            {
                return BadHash(field, fields[1].Start.Value, lineNumber);
            }

            command = RsfCommand.AssertRootHash(root, lineNumber, lineEnd);
            return null;
        }

        // An editor's byte order mark is invisible in the quoted name: name it.
        return name.StartsWith(ByteOrderMark)
            ? new RsfProblem(lineNumber, RsfProblemKind.UnknownCommand,
                "the line starts with a byte order mark (EF BB BF), which RSF does not have: save the file as UTF-8 without one", 1)
            : new RsfProblem(lineNumber, RsfProblemKind.UnknownCommand,
                $"unknown command {RsfText.Quote(name)}: RSF has add-item, append-entry and assert-root-hash", 1);
    }

    private static RsfProblem? ParseAddItem(
        ReadOnlyMemory<byte> line, ReadOnlySpan<Range> fields, int count, long lineNumber, RsfLineEnd lineEnd, out RsfCommand command)
    {
        command = default;
        var problem = CheckFieldCount(count, 2, "add-item", "the item", lineNumber);
        if (problem is not null)
        {
            return problem;
        }

        var json = line[fields[1]];
        if (!CanonicalJson.IsCanonical(json.Span, out var error))
        {
            var column = fields[1].Start.Value + error.Position + 1;
            return error.Kind == CanonicalJsonErrorKind.InvalidUtf8
                ? new RsfProblem(lineNumber, RsfProblemKind.InvalidUtf8, "invalid UTF-8 in the item", column)
                : new RsfProblem(lineNumber, RsfProblemKind.NonCanonicalItem, $"item is not canonical JSON: {error.Reason}", column);
        }

        command = RsfCommand.Trusted.AddItem(json, lineNumber, lineEnd);
        return null;
    }

    private RsfProblem? ParseAppendEntry(ReadOnlySpan<byte> line, ReadOnlySpan<Range> fields, long lineNumber, RsfLineEnd lineEnd, out RsfCommand command)
    {
        command = default;
        var logField = line[fields[1]];
        EntryLog log;
        if (logField.SequenceEqual("user"u8))
        {
            log = EntryLog.User;
        }
        else if (logField.SequenceEqual("system"u8))
        {
            log = EntryLog.System;
        }
        else
        {
            return new RsfProblem(lineNumber, RsfProblemKind.InvalidLog,
                $"the log must be user or system, not {RsfText.Quote(logField)}", fields[1].Start.Value + 1);
        }

        var keyField = line[fields[2]];
        var keyLength = ToChars(keyField);
        var key = _key.AsMemory(0, keyLength);
        if (!EntryKey.IsValid(log, key.Span, out var keyError))
        {
            return new RsfProblem(lineNumber, RsfProblemKind.InvalidKey,
                $"invalid {log.ToWireName()} key {RsfText.Quote(keyField)}: {keyError.Message}", fields[2].Start.Value + 1);
        }

        var timestampField = line[fields[3]];
        if (!EntryTimestamp.TryParse(timestampField, out var timestamp))
        {
            return new RsfProblem(lineNumber, RsfProblemKind.InvalidTimestamp,
                $"{RsfText.Quote(timestampField)} is not a timestamp yyyy-MM-ddTHH:mm:ssZ with a real date and time", fields[3].Start.Value + 1);
        }

        var problem = ParseHashes(line[fields[4]], fields[4].Start.Value, lineNumber, out var hashCount);
        if (problem is not null)
        {
            return problem;
        }

        command = RsfCommand.Trusted.AppendEntry(log, key, timestamp, _hashes.AsMemory(0, hashCount), lineNumber, lineEnd);
        return null;
    }

    // The specification's hash-list: hash *(";" hash).
    private RsfProblem? ParseHashes(ReadOnlySpan<byte> list, int offset, long lineNumber, out int count)
    {
        count = 0;
        var start = 0;
        while (true)
        {
            var length = list[start..].IndexOf((byte)';');
            var hash = length < 0 ? list[start..] : list.Slice(start, length);
            if (count == _hashes.Length)
            {
                Array.Resize(ref _hashes, count * 2);
            }

            if (!Digest.TryParse(hash, out _hashes[count]))
            {
                return BadHash(hash, offset + start, lineNumber);
            }

            count++;
            if (length < 0)
            {
                return null;
            }

            start += length + 1;
        }
    }

    private int ToChars(ReadOnlySpan<byte> key)
    {
        if (key.Length > _key.Length)
        {
            _key = new char[Math.Max(key.Length, _key.Length * 2)];
        }

        // Valid keys are ASCII; anything else is decoded (the line is valid UTF-8 by now) so the key check can name it.
        return Ascii.ToUtf16(key, _key, out var written) == OperationStatus.Done
            ? written
            : Encoding.UTF8.GetChars(key, _key);
    }

    private static RsfProblem? CheckFieldCount(int count, int expected, string command, string what, long lineNumber) =>
        count == expected
            ? null
            : new RsfProblem(lineNumber, RsfProblemKind.WrongFieldCount,
                $"{command} takes {expected - 1} tab-separated field{(expected == 2 ? "" : "s")} after the command ({what}), found {count - 1}");

    private static RsfProblem BadHash(ReadOnlySpan<byte> hash, int offset, long lineNumber)
    {
        var hex = hash.StartsWith("sha-256:"u8) ? hash[8..] : [];
        var reason =
            hash.IsEmpty ? "an empty hash"
            : !hash.StartsWith("sha-256:"u8) ? $"{RsfText.Quote(hash)} does not start with sha-256:"
            : hex.Length != 2 * Digest.Length ? $"{hex.Length} hex digits where SHA-256 has {2 * Digest.Length}"
            : hex.ContainsAnyInRange((byte)'A', (byte)'F') ? "upper-case hex digits: hashes are written in lower case"
            : $"{RsfText.Quote(hex)} is not hex";
        return new RsfProblem(lineNumber, RsfProblemKind.InvalidHash,
            $"invalid hash ({reason}): expected sha-256: and {2 * Digest.Length} lower-case hex digits", offset + 1);
    }

    /// <summary>Splits on tabs into <paramref name="fields"/>; returns the number of fields, which may exceed the ranges filled.</summary>
    private static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var length = line[start..].IndexOf((byte)'\t');
            var end = length < 0 ? line.Length : start + length;
            if (count < fields.Length)
            {
                fields[count] = new Range(start, end);
            }

            count++;
            if (length < 0)
            {
                return count;
            }

            start = end + 1;
        }
    }
}
