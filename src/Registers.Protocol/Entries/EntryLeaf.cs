using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Registers.Protocol.Hashing;
using Registers.Protocol.Json;

namespace Registers.Protocol.Entries;

/// <summary>
/// The v1 Merkle leaf of an entry: exactly
/// <c>{"index-entry-number":"n","entry-number":"n","entry-timestamp":"yyyy-MM-ddTHH:mm:ssZ","key":"K","item-hash":["sha-256:…",…]}</c>
/// (numbers as strings, this member order, the key escaped as canonical JSON escapes strings), and its
/// RFC 6962 leaf hash SHA-256(0x00 || bytes). Written straight into a span: no allocation for the usual
/// entry, whose leaf is a few hundred bytes.
/// </summary>
public static class EntryLeaf
{
    private const int MaxNumberDigits = 19; // long.MaxValue
    private const int HashTextLength = 8 + (2 * Digest.Length); // sha-256:<64 hex>
    private const int StackLimit = 1024;

    private static ReadOnlySpan<byte> Open => "{\"index-entry-number\":\""u8;
    private static ReadOnlySpan<byte> EntryNumber => "\",\"entry-number\":\""u8;
    private static ReadOnlySpan<byte> Timestamp => "\",\"entry-timestamp\":\""u8;
    private static ReadOnlySpan<byte> Key => "\",\"key\":\""u8;
    private static ReadOnlySpan<byte> ItemHashes => "\",\"item-hash\":["u8;
    private static ReadOnlySpan<byte> Close => "]}"u8;

    // Printable ASCII except '"' and '\': keys made only of these are copied byte for byte.
    private static readonly SearchValues<char> PlainKeyChars = SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => c is not ('"' or '\\'))));

    /// <summary>
    /// The most bytes a leaf may have: a C2SP tlog-tiles entry bundle prefixes each entry with a 16-bit length, so a longer
    /// leaf could never be served in one.
    /// </summary>
    public const int MaxBundledLength = ushort.MaxValue;

    /// <summary>
    /// The most bytes the leaf of an entry with <paramref name="key"/> and <paramref name="hashCount"/> item hashes can
    /// have, wherever in the log it is appended (at the longest entry number). Exact for a key of printable ASCII other
    /// than <c>"</c> and <c>\</c>, as every valid key is; an upper bound for any other.
    /// </summary>
    public static long GetLongestLength(ReadOnlySpan<char> key, int hashCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hashCount, 1);
        var keyBytes = key.ContainsAnyExcept(PlainKeyChars) ? 6L * key.Length : key.Length;
        return Open.Length + EntryNumber.Length + Timestamp.Length + Key.Length + ItemHashes.Length + Close.Length
            + (2L * MaxNumberDigits) + EntryTimestamp.Length + keyBytes
            + (hashCount * (HashTextLength + 2L)) + (hashCount - 1);
    }

    /// <summary>An upper bound on the leaf length for a key of <paramref name="keyLength"/> UTF-16 chars and <paramref name="hashCount"/> item hashes.</summary>
    public static int GetMaxLength(int keyLength, int hashCount) =>
        Open.Length + EntryNumber.Length + Timestamp.Length + Key.Length + ItemHashes.Length + Close.Length
        + (2 * MaxNumberDigits) + EntryTimestamp.Length
        + (6 * keyLength) // no UTF-16 char takes more than six bytes escaped (\u00XX) or encoded (3 bytes)
        + (hashCount * (HashTextLength + 3));

    /// <summary>Writes the leaf bytes; returns how many were written.</summary>
    /// <param name="destination">At least <see cref="GetMaxLength"/> bytes.</param>
    /// <param name="number">The entry number, 1-based (written for both index-entry-number and entry-number).</param>
    /// <param name="timestamp">When the entry was appended.</param>
    /// <param name="key">The entry key.</param>
    /// <param name="itemHashes">The item hashes, in the order the entry lists them (at least one).</param>
    public static int Write(Span<byte> destination, long number, EntryTimestamp timestamp, ReadOnlySpan<char> key, ReadOnlySpan<Digest> itemHashes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (itemHashes.IsEmpty)
        {
            throw new ArgumentException("An entry refers to at least one item.", nameof(itemHashes));
        }

        var at = Append(destination, 0, Open);
        Utf8Formatter.TryFormat(number, destination[at..], out var digits);
        var numberText = destination.Slice(at, digits);
        at += digits;
        at = Append(destination, at, EntryNumber);
        at = Append(destination, at, numberText);
        at = Append(destination, at, Timestamp);
        at += timestamp.Format(destination[at..]);
        at = Append(destination, at, Key);
        at += WriteKey(key, destination[at..]);
        at = Append(destination, at, ItemHashes);
        for (var i = 0; i < itemHashes.Length; i++)
        {
            if (i > 0)
            {
                destination[at++] = (byte)',';
            }

            at += WriteHash(itemHashes[i], destination[at..]);
        }

        return Append(destination, at, Close);
    }

    /// <summary>The leaf bytes as a new array.</summary>
    public static byte[] GetBytes(long number, EntryTimestamp timestamp, ReadOnlySpan<char> key, ReadOnlySpan<Digest> itemHashes)
    {
        var buffer = new byte[GetMaxLength(key.Length, itemHashes.Length)];
        return buffer[..Write(buffer, number, timestamp, key, itemHashes)];
    }

    /// <summary>The RFC 6962 leaf hash, SHA-256(0x00 || leaf bytes).</summary>
    public static Digest Hash(long number, EntryTimestamp timestamp, ReadOnlySpan<char> key, ReadOnlySpan<Digest> itemHashes)
    {
        var maxLength = GetMaxLength(key.Length, itemHashes.Length);
        byte[]? rented = maxLength <= StackLimit ? null : ArrayPool<byte>.Shared.Rent(maxLength);
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        var length = Write(buffer, number, timestamp, key, itemHashes);
        var leafHash = MerkleHash.Leaf(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return leafHash;
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        return at + bytes.Length;
    }

    private static int WriteKey(ReadOnlySpan<char> key, Span<byte> destination)
    {
        // Every valid key is plain ASCII; anything else goes through UTF-8 and the canonical escaper.
        if (!key.ContainsAnyExcept(PlainKeyChars))
        {
            return Encoding.ASCII.GetBytes(key, destination);
        }

        var utf8 = Encoding.UTF8.GetBytes(key.ToString());
        return CanonicalEscaping.Escape(utf8, destination);
    }

    private static int WriteHash(in Digest hash, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        var at = 1 + hash.FormatUtf8(destination[1..]);
        destination[at++] = (byte)'"';
        return at;
    }
}
