using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Load;

/// <summary>
/// Cuts a verified RSF file into self-contained batches, starting where the register stands. <see cref="ResumeAsync"/> replays
/// the file up to the server's log sizes and checks that the register holds exactly the file's first entries (same
/// roots); <see cref="Next"/> then gives the following batches in order. Items are found again by their place in the
/// file, so an entry can cite an item added many batches earlier and its batch still carries it.
/// </summary>
/// <remarks>The file must have passed <see cref="RsfVerifier"/>: lines here are taken as well formed.</remarks>
internal sealed class RsfBatcher : IDisposable
{
    /// <summary>
    /// The bytes a batch may come to: a batch is built in memory and sent as one request, and entries of large items would
    /// otherwise make one of gigabytes. Far above 100,000 entries of ordinary items (some 25 MB).
    /// </summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <summary>Lines between reports of the replay's progress, and checks for an interrupt.</summary>
    private const int ReportEvery = 4096;

    private readonly RsfReader _reader;
    private readonly SafeFileHandle _handle;
    private readonly int _batchSize;
    private readonly Dictionary<Digest, (long Offset, int Length, long Line)> _items = [];
    private readonly List<(Digest Hash, long Line, byte[] Json)> _justAdded = [];
    private bool _holdingEntry; // the reader's current line is an entry not yet put in a batch
    private bool _ended;
    private long _user;
    private long _system;

    public RsfBatcher(string path, int batchSize)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        _reader = new RsfReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));
        _batchSize = batchSize;
    }

    /// <summary>
    /// Reads up to <paramref name="server"/>'s position: the point where the file has as many user entries as the register
    /// and, when <paramref name="compareSystem"/>, as many system entries. Null when the register's logs are the file's
    /// first entries there (same roots); otherwise why the load cannot go on.
    /// </summary>
    /// <remarks>
    /// The register's system log may hold more entries than the file has at that point (custodian keys allowed after an
    /// earlier load) when they come after all of the file's system entries up to its next user entry: then
    /// <paramref name="systemRootAt"/> gives the root of the register's first system entries, which must be the file's.
    /// The replay of a large file takes as long as its check: it tells <paramref name="progress"/> how far it has read, and
    /// stops when <paramref name="cancellationToken"/> is cancelled, every <see cref="ReportEvery"/> lines.
    /// </remarks>
    public async Task<string?> ResumeAsync(
        LogPosition server, bool compareSystem, Func<long, Task<Digest>> systemRootAt, IProgress<RsfProgress> progress, CancellationToken cancellationToken)
    {
        using var replay = new RsfReplay();
        while (true)
        {
            if (_reader.LineNumber % ReportEvery == 0 && _reader.LineNumber > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress.Report(new RsfProgress(_reader.LineNumber, _reader.BytesConsumed));
            }

            var more = _reader.Read();
            var command = _reader.Current;
            if (!more || command.Kind == RsfCommandKind.AppendEntry)
            {
                var (user, system) = ((long)replay.Entries(EntryLog.User), (long)replay.Entries(EntryLog.System));
                var exact = user == server.UserSize && (!compareSystem || system == server.SystemSize);
                var beforeExtras = compareSystem && user == server.UserSize && system < server.SystemSize
                    && (!more || command.Log == EntryLog.User);
                if (exact || beforeExtras)
                {
                    _holdingEntry = more;
                    _ended = !more;
                    (_user, _system) = (user, system);
                    return Compare(replay, server, compareSystem && exact)
                        ?? (beforeExtras ? await CompareSystemPrefixAsync(replay, system, server, systemRootAt) : null);
                }

                if (!more || user > server.UserSize || (compareSystem && system > server.SystemSize))
                {
                    return $"the register holds {Counted.Of(server.UserSize, "user entry", "user entries")} and {Counted.Of(server.SystemSize, "system entry", "system entries")}, "
                        + "which are not where any line of the file leaves the logs (the file has "
                        + $"{Counted.Of((long)replay.Entries(EntryLog.User), "user entry", "user entries")} and {Counted.Of((long)replay.Entries(EntryLog.System), "system entry", "system entries")}"
                        + (more ? $" before line {command.LineNumber})" : ")");
                }
            }

            Remember(command);
            replay.Apply(command);
        }
    }

    /// <summary>The file's entries before the next batch: after <see cref="ResumeAsync"/>, those the register already holds.</summary>
    public long EntriesBefore => _user + _system;

    /// <summary>The next batch, or null when the file is done.</summary>
    public RsfBatch? Next()
    {
        if (_ended)
        {
            return null;
        }

        var body = new ArrayBufferWriter<byte>(1 << 20);
        var writer = new RsfWriter(body);
        var lines = new List<long>();
        var inBatch = new HashSet<Digest>();
        var (startUser, startSystem) = (_user, _system);
        var entries = 0;
        while (_holdingEntry || _reader.Read())
        {
            var command = _reader.Current;
            _holdingEntry = false;
            switch (command.Kind)
            {
                case RsfCommandKind.AddItem:
                    Remember(command);
                    continue;
                case RsfCommandKind.AssertRootHash:
                    writer.WriteAssertRootHash(command.RootHash);
                    lines.Add(command.LineNumber);
                    continue;
                // A batch ends before a user entry only: the server checks a register's metadata at the end of each load, and
                // a run of system entries (a name, its fields, the definition listing them) holds together only whole.
                case RsfCommandKind.AppendEntry when entries >= _batchSize && command.Log == EntryLog.User:
                    _holdingEntry = true;
                    return Batch(body, startUser, startSystem, lines);
                case RsfCommandKind.AppendEntry:
                    var brought = ItemsToBring(command, inBatch);
                    // The byte cap holds everywhere, inside a run of system entries too: only a run of 64 MiB is ever cut.
                    if (entries > 0 && body.WrittenCount + LinesBytes(command, brought) > MaxBodyBytes)
                    {
                        _holdingEntry = true;
                        return Batch(body, startUser, startSystem, lines);
                    }

                    foreach (var (hash, json, line) in brought)
                    {
                        inBatch.Add(hash);
                        writer.Write(RsfCommand.AddItem(json));
                        lines.Add(line);
                    }

                    writer.WriteAppendEntry(command.Log, command.Key.Span, command.Timestamp, command.ItemHashes.Span);
                    lines.Add(command.LineNumber);
                    _justAdded.Clear();
                    entries++;
                    if (command.Log == EntryLog.User)
                    {
                        _user++;
                    }
                    else
                    {
                        _system++;
                    }

                    continue;
                default:
                    throw new InvalidDataException($"line {command.LineNumber} is not RSF: {command.Problem}");
            }
        }

        _ended = true;
        return entries == 0 ? null : Batch(body, startUser, startSystem, lines);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _handle.Dispose();
    }

    private RsfBatch Batch(ArrayBufferWriter<byte> body, long startUser, long startSystem, List<long> lines) =>
        new(body.WrittenSpan.ToArray(), startUser, startSystem, (int)(_user - startUser), (int)(_system - startSystem), lines);

    private static string? Compare(RsfReplay replay, LogPosition server, bool compareSystem)
    {
        if (server.UserSize > 0 && replay.Root(EntryLog.User).ToString() != server.UserRoot)
        {
            return $"the register's first {Counted.Of(server.UserSize, "user entry", "user entries")} are not the file's: its root is {server.UserRoot}, the file's {replay.Root(EntryLog.User)}";
        }

        return compareSystem && server.SystemSize > 0 && replay.Root(EntryLog.System).ToString() != server.SystemRoot
            ? $"the register's first {Counted.Of(server.SystemSize, "system entry", "system entries")} are not the file's: its root is {server.SystemRoot}, the file's {replay.Root(EntryLog.System)}"
            : null;
    }

    private static async Task<string?> CompareSystemPrefixAsync(RsfReplay replay, long system, LogPosition server, Func<long, Task<Digest>> systemRootAt)
    {
        var theirs = system == 0 ? MerkleHash.EmptyRoot : await systemRootAt(system);
        return theirs == replay.Root(EntryLog.System)
            ? null
            : $"the register's first {Counted.Of(system, "system entry", "system entries")} are not the file's (their root is {theirs}, the file's {replay.Root(EntryLog.System)}), "
                + $"and it has {server.SystemSize - system} more";
    }

    /// <summary>Notes where an item's JSON lies in the file, and keeps the items added since the last entry at hand.</summary>
    private void Remember(in RsfCommand command)
    {
        if (command.Kind != RsfCommandKind.AddItem)
        {
            if (command.Kind == RsfCommandKind.AppendEntry)
            {
                _justAdded.Clear(); // an entry skipped on resume: its items stay findable in the file
            }

            return;
        }

        var hash = Digest.Of(command.ItemJson.Span);
        var lineEnd = command.LineEnd switch { RsfLineEnd.CrLf => 2, RsfLineEnd.Lf => 1, _ => 0 };
        _items.TryAdd(hash, (_reader.BytesConsumed - lineEnd - command.ItemJson.Length, command.ItemJson.Length, command.LineNumber));
        _justAdded.Add((hash, command.LineNumber, command.ItemJson.ToArray()));
    }

    /// <summary>The items <paramref name="entry"/> cites that the batch does not hold yet, each once, in the order cited.</summary>
    private List<(Digest Hash, byte[] Json, long Line)> ItemsToBring(in RsfCommand entry, HashSet<Digest> inBatch)
    {
        var brought = new List<(Digest Hash, byte[] Json, long Line)>();
        foreach (var hash in entry.ItemHashes.Span)
        {
            if (!inBatch.Contains(hash) && !brought.Exists(item => item.Hash == hash))
            {
                var (json, line) = ItemJson(hash);
                brought.Add((hash, json, line));
            }
        }

        return brought;
    }

    /// <summary>At least the bytes the entry's line and the <c>add-item</c> lines it brings take in the batch.</summary>
    private static long LinesBytes(in RsfCommand entry, List<(Digest Hash, byte[] Json, long Line)> brought) =>
        brought.Sum(item => item.Json.Length + "add-item\t\n".Length)
        + "append-entry\tsystem\t\t0000-00-00T00:00:00Z\t\n".Length + Encoding.UTF8.GetByteCount(entry.Key.Span)
        + (entry.ItemHashes.Length * "sha-256:;".Length) + (entry.ItemHashes.Length * Digest.Length * 2);

    private (byte[] Json, long Line) ItemJson(in Digest hash)
    {
        foreach (var (added, line, json) in _justAdded)
        {
            if (added == hash)
            {
                return (json, line);
            }
        }

        var (offset, length, firstLine) = _items[hash];
        var bytes = new byte[length];
        RandomAccess.Read(_handle, bytes, offset);
        return (bytes, firstLine);
    }
}
