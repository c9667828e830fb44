using System.Runtime.InteropServices;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Rsf.Checks;

/// <summary>
/// The latest item hash(es) of each key of a log, for the repeat rule. The keys' characters live in one array and are
/// looked up by span, so the table holds no object per key (nothing for the garbage collector to trace), and its size
/// in <see cref="Bytes"/> is known.
/// </summary>
internal sealed class KeyTable
{
    /// <summary>What the dictionary holds per key at capacity: an entry (hash code, next, key, value) and a bucket.</summary>
    public const int EntryBytes = 4 + 4 + 8 + Digest.Length + 4 + 4;

    private const int ListOverhead = 48; // a list's array header and its slot in _lists

    private readonly Dictionary<StoredKey, Latest> _latest;
    private readonly Dictionary<StoredKey, Latest>.AlternateLookup<ReadOnlySpan<char>> _byKey;
    private readonly List<Digest[]> _lists = []; // the hashes of keys whose latest entry cites several items
    private char[] _chars = [];
    private int _used;
    private long _listBytes;

    public KeyTable()
    {
        _latest = new Dictionary<StoredKey, Latest>(new Comparer(this));
        _byKey = _latest.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Called for each key with its latest hashes.</summary>
    public delegate void Visit(ReadOnlySpan<char> key, ReadOnlySpan<Digest> hashes);

    public int Count => _latest.Count;

    /// <summary>The bytes the table's arrays hold.</summary>
    public long Bytes => ((long)_latest.Capacity * EntryBytes) + (2L * _chars.Length) + _listBytes;

    /// <summary>The most a key of <paramref name="keyLength"/> characters with <paramref name="hashCount"/> latest hashes adds to <see cref="Bytes"/>.</summary>
    public static long BytesFor(int keyLength, int hashCount) =>
        EntryBytes + (2L * keyLength) + (hashCount > 1 ? ListOverhead + ((long)Digest.Length * hashCount) : 0);

    /// <summary>Whether a new key of <paramref name="keyLength"/> characters fits without growing the arrays.</summary>
    public bool HasRoom(int keyLength) => _latest.Count < _latest.Capacity && _used + keyLength <= _chars.Length;

    /// <summary>The bytes the table would hold after <see cref="Grow"/> for a key of <paramref name="keyLength"/> characters.</summary>
    public long BytesAfterGrowing(int keyLength) => ((long)NextCapacity() * EntryBytes) + (2L * NextChars(keyLength)) + _listBytes;

    /// <summary>Grows the arrays that are full so a new key of <paramref name="keyLength"/> characters fits.</summary>
    public void Grow(int keyLength)
    {
        _latest.EnsureCapacity(NextCapacity());
        if (_used + keyLength > _chars.Length)
        {
            Array.Resize(ref _chars, (int)Math.Min(NextChars(keyLength), Array.MaxLength));
        }
    }

    public bool Contains(ReadOnlySpan<char> key) => _byKey.ContainsKey(key);

    /// <summary>Makes <paramref name="hashes"/> the latest of <paramref name="key"/>; returns whether they repeat its previous latest.</summary>
    public bool Set(ReadOnlySpan<char> key, ReadOnlySpan<Digest> hashes)
    {
        ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, key, out var seen);
        var repeat = seen && RepeatRule.IsNoOpRepeat(Hashes(latest), hashes);
        if (latest.List > 0)
        {
            _listBytes -= ListOverhead + ((long)Digest.Length * _lists[latest.List - 1].Length);
            _lists[latest.List - 1] = [];
        }

        if (hashes.Length == 1)
        {
            latest.Single = hashes[0];
            latest.List = 0;
            return repeat;
        }

        if (latest.List == 0)
        {
            _lists.Add([]);
            latest.List = _lists.Count;
        }

        _lists[latest.List - 1] = hashes.ToArray();
        _listBytes += ListOverhead + ((long)Digest.Length * hashes.Length);
        return repeat;
    }

    public void ForEach(Visit visit)
    {
        foreach (var (key, latest) in _latest)
        {
            visit(Chars(key), Hashes(latest));
        }
    }

    /// <summary>Empties the table, keeping its arrays.</summary>
    public void Clear()
    {
        _latest.Clear();
        _lists.Clear();
        _listBytes = 0;
        _used = 0;
    }

    private int NextCapacity() => _latest.Count < _latest.Capacity ? _latest.Capacity : Math.Max(2 * _latest.Capacity, 1024);

    private long NextChars(int keyLength) =>
        _used + keyLength <= _chars.Length ? _chars.Length : Math.Max(2L * _chars.Length, Math.Max(16 * 1024, _used + (2L * keyLength)));

    private ReadOnlySpan<Digest> Hashes(in Latest latest) =>
        latest.List == 0 ? new ReadOnlySpan<Digest>(in latest.Single) : _lists[latest.List - 1];

    private ReadOnlySpan<char> Chars(StoredKey key) => _chars.AsSpan(key.Start, key.Length);

    private StoredKey Store(ReadOnlySpan<char> key)
    {
        if (_used + key.Length > _chars.Length)
        {
            Array.Resize(ref _chars, (int)Math.Min(NextChars(key.Length), Array.MaxLength));
        }

        key.CopyTo(_chars.AsSpan(_used));
        var stored = new StoredKey(_used, key.Length);
        _used += key.Length;
        return stored;
    }

    private readonly record struct StoredKey(int Start, int Length);

    // The one item hash every v1 entry has inline; a list (List > 0, its index plus one) only for entries citing several.
    private struct Latest
    {
        public Digest Single;
        public int List;
    }

    private sealed class Comparer(KeyTable table) : IEqualityComparer<StoredKey>, IAlternateEqualityComparer<ReadOnlySpan<char>, StoredKey>
    {
        public bool Equals(StoredKey x, StoredKey y) => table.Chars(x).SequenceEqual(table.Chars(y));

        public int GetHashCode(StoredKey obj) => string.GetHashCode(table.Chars(obj));

        public bool Equals(ReadOnlySpan<char> alternate, StoredKey other) => alternate.SequenceEqual(table.Chars(other));

        public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate);

        public StoredKey Create(ReadOnlySpan<char> alternate) => table.Store(alternate);
    }
}
