using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;

namespace Registers.Protocol.Rsf.Pipeline;

/// <summary>
/// A run of lines read ahead of the replay, with the hashing that needs no replay state already done: each item's hash,
/// and each entry's leaf hash for the number it will get. The arrays are reused from chunk to chunk, so a well-formed
/// line costs no allocation.
/// </summary>
internal sealed class ParsedChunk
{
    private const int Capacity = 1024;

    private readonly ParsedLine[] _lines = new ParsedLine[Capacity];
    private char[] _keys = new char[16 * Capacity];
    private Digest[] _hashes = new Digest[2 * Capacity];
    private int _keysUsed;
    private int _hashesUsed;

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public ref readonly ParsedLine this[int index] => ref _lines[index];

    /// <summary>
    /// Adds the reader's current line. <paramref name="numbers"/> holds the number the next entry of each log will get
    /// (user, then system), and is advanced for an entry; its leaf hash is computed here only if <paramref name="hashLeaf"/>.
    /// </summary>
    public void Add(in RsfCommand command, long bytesConsumed, Span<long> numbers, bool hashLeaf)
    {
        ref var line = ref _lines[Count++];
        line = new ParsedLine { Kind = command.Kind, Line = command.LineNumber, BytesConsumed = bytesConsumed };
        switch (command.Kind)
        {
            case RsfCommandKind.AddItem:
                line.Hash = Item.HashOf(command.ItemJson.Span);
                break;
            case RsfCommandKind.AppendEntry:
                var key = command.Key.Span;
                var hashes = command.ItemHashes.Span;
                line.Log = command.Log;
                line.Timestamp = command.Timestamp;
                var number = numbers[command.Log == EntryLog.User ? 0 : 1]++;
                if (hashLeaf)
                {
                    line.Number = number;
                    line.Hash = EntryLeaf.Hash(number, command.Timestamp, key, hashes);
                }

                line.KeyStart = Store(ref _keys, ref _keysUsed, key);
                line.KeyLength = key.Length;
                line.HashStart = Store(ref _hashes, ref _hashesUsed, hashes);
                line.HashCount = hashes.Length;
                break;
            case RsfCommandKind.AssertRootHash:
                line.Hash = command.RootHash;
                break;
            default:
                line.Problem = command.Problem;
                break;
        }
    }

    public ReadOnlySpan<char> Key(in ParsedLine line) => _keys.AsSpan(line.KeyStart, line.KeyLength);

    public ReadOnlySpan<Digest> Hashes(in ParsedLine line) => _hashes.AsSpan(line.HashStart, line.HashCount);

    /// <summary>Empties the chunk for reuse (its arrays stay).</summary>
    public void Clear()
    {
        Array.Clear(_lines, 0, Count); // drops the problems of malformed lines
        Count = 0;
        _keysUsed = 0;
        _hashesUsed = 0;
    }

    private static int Store<T>(ref T[] arena, ref int used, ReadOnlySpan<T> values)
    {
        if (used + values.Length > arena.Length)
        {
            Array.Resize(ref arena, Math.Max(2 * arena.Length, used + values.Length));
        }

        var start = used;
        values.CopyTo(arena.AsSpan(start));
        used += values.Length;
        return start;
    }
}

/// <summary>One line of a <see cref="ParsedChunk"/>: its command and what the replay needs of it.</summary>
internal struct ParsedLine
{
    public RsfCommandKind Kind;
    public EntryLog Log;
    public long Line;
    public long BytesConsumed; // by the reader once it had read the line, for progress reports

    /// <summary>The item hash of an add-item, the leaf hash of an append-entry, the asserted root of an assert-root-hash.</summary>
    public Digest Hash;

    public EntryTimestamp Timestamp;
    public long Number; // the entry number the leaf hash was computed for, or 0 if it was not
    public int KeyStart;
    public int KeyLength;
    public int HashStart;
    public int HashCount;
    public RsfProblem? Problem; // of a malformed line
}
