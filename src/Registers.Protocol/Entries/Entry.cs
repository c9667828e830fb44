using System.Collections.Immutable;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Entries;

/// <summary>
/// An entry: in <see cref="Log"/>, entry number <see cref="Number"/> says that key <see cref="Key"/>
/// has the item(s) <see cref="ItemHashes"/> from <see cref="Timestamp"/> on. v1 entries name one item;
/// the list keeps the specification's <c>Set Hash</c> open. Construction checks the invariants, so an
/// <see cref="Entry"/> that exists is well formed.
/// </summary>
public sealed record Entry
{
    /// <summary>Makes an entry.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The key is not valid for the log, or there are no item hashes.</exception>
    public Entry(EntryLog log, long number, string key, EntryTimestamp timestamp, ImmutableArray<Digest> itemHashes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentNullException.ThrowIfNull(key);
        if (!EntryKey.IsValid(log, key, out var keyError))
        {
            throw new ArgumentException($"'{key}' is not a valid {log.ToWireName()} key: {keyError.Message}.", nameof(key));
        }

        if (itemHashes.IsDefaultOrEmpty)
        {
            throw new ArgumentException("An entry refers to at least one item.", nameof(itemHashes));
        }

        Log = log;
        Number = number;
        Key = key;
        Timestamp = timestamp;
        ItemHashes = itemHashes;
    }

    /// <summary>Makes an entry that names one item, as every v1 entry does.</summary>
    public Entry(EntryLog log, long number, string key, EntryTimestamp timestamp, Digest itemHash)
        : this(log, number, key, timestamp, [itemHash])
    {
    }

    /// <summary>The log the entry belongs to; each log is numbered separately.</summary>
    public EntryLog Log { get; }

    /// <summary>The 1-based position in its log.</summary>
    public long Number { get; }

    /// <summary>The key of the record the entry changes.</summary>
    public string Key { get; }

    /// <summary>When the entry was appended.</summary>
    public EntryTimestamp Timestamp { get; }

    /// <summary>The item hashes, at least one.</summary>
    public ImmutableArray<Digest> ItemHashes { get; }

    /// <summary>The v1 leaf bytes (see <see cref="EntryLeaf"/>).</summary>
    public byte[] GetLeafBytes() => EntryLeaf.GetBytes(Number, Timestamp, Key, ItemHashes.AsSpan());

    /// <summary>The RFC 6962 leaf hash of the v1 leaf bytes.</summary>
    public Digest GetLeafHash() => EntryLeaf.Hash(Number, Timestamp, Key, ItemHashes.AsSpan());

    /// <summary>Equal when every field is, item hashes compared in order.</summary>
    public bool Equals(Entry? other) =>
        other is not null && Log == other.Log && Number == other.Number && Key == other.Key
        && Timestamp == other.Timestamp && ItemHashes.AsSpan().SequenceEqual(other.ItemHashes.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Log, Number, Key, Timestamp, ItemHashes[0]);

    // Lists the hashes in sha-256:<hex> form rather than naming the array type.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Log = {Log}, Number = {Number}, Key = {Key}, Timestamp = {Timestamp}, ItemHashes = [{string.Join(", ", ItemHashes)}]");
        return true;
    }
}
