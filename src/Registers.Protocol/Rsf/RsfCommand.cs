using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Json;

namespace Registers.Protocol.Rsf;

/// <summary>The three RSF commands, and the marker for a line that is none of them.</summary>
public enum RsfCommandKind
{
    /// <summary>A line that could not be read as a command; <see cref="RsfCommand.Problem"/> says why.</summary>
    Malformed,

    /// <summary><c>add-item &lt;canonical json&gt;</c>.</summary>
    AddItem,

    /// <summary><c>append-entry &lt;user|system&gt; &lt;key&gt; &lt;timestamp&gt; &lt;sha-256:hex&gt;[;&lt;sha-256:hex&gt;...]</c>.</summary>
    AppendEntry,

    /// <summary><c>assert-root-hash &lt;sha-256:hex&gt;</c>.</summary>
    AssertRootHash,
}

/// <summary>How a line ended, so that a writer can give back the bytes it was read from.</summary>
public enum RsfLineEnd
{
    /// <summary><c>\n</c>, as every GOV.UK file ends its lines.</summary>
    Lf,

    /// <summary><c>\r\n</c>, as the specification's grammar writes the separator.</summary>
    CrLf,

    /// <summary>The last line of a file that does not end in a newline.</summary>
    None,
}

/// <summary>
/// One line of RSF, read and checked: an <c>add-item</c> whose JSON is canonical, an <c>append-entry</c> whose log,
/// key, timestamp and hashes are well formed, an <c>assert-root-hash</c>, or a malformed line with its problem.
/// </summary>
/// <remarks>
/// Commands from <see cref="RsfReader"/> point into the reader's buffers: <see cref="ItemJson"/>, <see cref="Key"/> and
/// <see cref="ItemHashes"/> are valid only until the reader reads the next line. Copy what must be kept.
/// The factory methods check their arguments as the reader would, so every command that exists is well formed.
/// </remarks>
public readonly struct RsfCommand
{
    private RsfCommand(
        RsfCommandKind kind, long lineNumber, RsfLineEnd lineEnd, ReadOnlyMemory<byte> itemJson = default,
        EntryLog log = default, ReadOnlyMemory<char> key = default, EntryTimestamp timestamp = default,
        ReadOnlyMemory<Digest> itemHashes = default, Digest rootHash = default, RsfProblem? problem = null)
    {
        Kind = kind;
        LineNumber = lineNumber;
        LineEnd = lineEnd;
        ItemJson = itemJson;
        Log = log;
        Key = key;
        Timestamp = timestamp;
        ItemHashes = itemHashes;
        RootHash = rootHash;
        Problem = problem;
    }

    /// <summary>Which command this is.</summary>
    public RsfCommandKind Kind { get; }

    /// <summary>The 1-based line number (0 for a command that was not read from a file).</summary>
    public long LineNumber { get; }

    /// <summary>How the line ended.</summary>
    public RsfLineEnd LineEnd { get; }

    /// <summary><see cref="RsfCommandKind.AddItem"/>: the canonical JSON of the item, UTF-8, exactly as read.</summary>
    public ReadOnlyMemory<byte> ItemJson { get; }

    /// <summary><see cref="RsfCommandKind.AppendEntry"/>: the log the entry goes to.</summary>
    public EntryLog Log { get; }

    /// <summary><see cref="RsfCommandKind.AppendEntry"/>: the entry key.</summary>
    public ReadOnlyMemory<char> Key { get; }

    /// <summary><see cref="RsfCommandKind.AppendEntry"/>: when the entry was appended.</summary>
    public EntryTimestamp Timestamp { get; }

    /// <summary><see cref="RsfCommandKind.AppendEntry"/>: the item hashes, at least one, in the order written.</summary>
    public ReadOnlyMemory<Digest> ItemHashes { get; }

    /// <summary><see cref="RsfCommandKind.AssertRootHash"/>: the asserted root of the user log.</summary>
    public Digest RootHash { get; }

    /// <summary><see cref="RsfCommandKind.Malformed"/>: why the line could not be read; null for the other kinds.</summary>
    public RsfProblem? Problem { get; }

    /// <summary>An <c>add-item</c> command.</summary>
    /// <exception cref="ArgumentException"><paramref name="canonicalJson"/> is not a canonical item.</exception>
    public static RsfCommand AddItem(ReadOnlyMemory<byte> canonicalJson, long lineNumber = 0, RsfLineEnd lineEnd = RsfLineEnd.Lf)
    {
        if (!CanonicalJson.IsCanonical(canonicalJson.Span, out var error))
        {
            throw new ArgumentException($"Not a canonical item: {error.Message}.", nameof(canonicalJson));
        }

        return Trusted.AddItem(canonicalJson, lineNumber, lineEnd);
    }

    /// <summary>An <c>append-entry</c> command.</summary>
    /// <exception cref="ArgumentException">The key is not valid in <paramref name="log"/>, or there are no item hashes.</exception>
    public static RsfCommand AppendEntry(
        EntryLog log, ReadOnlyMemory<char> key, EntryTimestamp timestamp, ReadOnlyMemory<Digest> itemHashes,
        long lineNumber = 0, RsfLineEnd lineEnd = RsfLineEnd.Lf)
    {
        if (!EntryKey.IsValid(log, key.Span, out var keyError))
        {
            throw new ArgumentException($"Not a valid {log.ToWireName()} key: {keyError.Message}.", nameof(key));
        }

        if (itemHashes.IsEmpty)
        {
            throw new ArgumentException("An entry refers to at least one item.", nameof(itemHashes));
        }

        return Trusted.AppendEntry(log, key, timestamp, itemHashes, lineNumber, lineEnd);
    }

    /// <summary>An <c>assert-root-hash</c> command.</summary>
    public static RsfCommand AssertRootHash(in Digest rootHash, long lineNumber = 0, RsfLineEnd lineEnd = RsfLineEnd.Lf) =>
        new(RsfCommandKind.AssertRootHash, lineNumber, lineEnd, rootHash: rootHash);

    /// <summary>A line that is no command, carrying its problem (the line number is the problem's).</summary>
    public static RsfCommand Malformed(RsfProblem problem, RsfLineEnd lineEnd = RsfLineEnd.Lf)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new RsfCommand(RsfCommandKind.Malformed, problem.Line, lineEnd, problem: problem);
    }

    /// <summary>Makers for the reader, which has already checked what the public factories check.</summary>
    internal static class Trusted
    {
        public static RsfCommand AddItem(ReadOnlyMemory<byte> canonicalJson, long lineNumber, RsfLineEnd lineEnd) =>
            new(RsfCommandKind.AddItem, lineNumber, lineEnd, itemJson: canonicalJson);

        public static RsfCommand AppendEntry(
            EntryLog log, ReadOnlyMemory<char> key, EntryTimestamp timestamp, ReadOnlyMemory<Digest> itemHashes, long lineNumber, RsfLineEnd lineEnd) =>
            new(RsfCommandKind.AppendEntry, lineNumber, lineEnd, log: log, key: key, timestamp: timestamp, itemHashes: itemHashes);
    }
}
