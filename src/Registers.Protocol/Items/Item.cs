using System.Diagnostics.CodeAnalysis;
using System.Text;
using Registers.Protocol.Hashing;
using Registers.Protocol.Json;

namespace Registers.Protocol.Items;

/// <summary>
/// An item: canonical JSON bytes, kept verbatim, and their hash. The hash is the v1 item hash:
/// SHA-256 of exactly these bytes, written <c>sha-256:&lt;hex&gt;</c>. Items are never re-serialised:
/// the bytes that were checked are the bytes that are hashed, stored and served.
/// </summary>
public sealed class Item : IEquatable<Item>
{
    private readonly byte[] _bytes;

    private Item(byte[] bytes)
    {
        _bytes = bytes;
        Hash = Digest.Of(bytes);
    }

    /// <summary>The canonical JSON, UTF-8.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The canonical JSON, UTF-8, as memory (for APIs that keep it).</summary>
    public ReadOnlyMemory<byte> Memory => _bytes;

    /// <summary>SHA-256 of <see cref="Bytes"/>.</summary>
    public Digest Hash { get; }

    /// <summary>The members in order, read in place.</summary>
    public ItemMemberEnumerator Members => new(_bytes);

    /// <summary>Checks <paramref name="canonicalJson"/> and, when canonical, copies it into a new item.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> canonicalJson, [NotNullWhen(true)] out Item? item, out CanonicalJsonError error)
    {
        if (!CanonicalJson.IsCanonical(canonicalJson, out error))
        {
            item = null;
            return false;
        }

        item = new Item(canonicalJson.ToArray());
        return true;
    }

    /// <summary>Checks <paramref name="canonicalJson"/> and copies it into a new item.</summary>
    /// <exception cref="FormatException">The bytes are not canonical; the message gives the reason and byte position.</exception>
    public static Item Create(ReadOnlySpan<byte> canonicalJson) =>
        TryCreate(canonicalJson, out var item, out var error)
            ? item
            : throw new FormatException($"Item is not canonical JSON: {error.Message}.");

    /// <summary>Canonicalises any JSON object (see <see cref="JsonCanonicaliser"/>) and makes an item of the result.</summary>
    /// <exception cref="FormatException">The JSON cannot be made into an item; the message says why.</exception>
    public static Item FromJson(ReadOnlySpan<byte> utf8Json) =>
        JsonCanonicaliser.TryCanonicalise(utf8Json, out var canonical, out var error)
            ? new Item(canonical)
            : throw new FormatException($"JSON cannot be made into an item: {error.Message}.");

    /// <summary>Wraps bytes the caller has just produced canonically and will not change (no copy, no check).</summary>
    internal static Item FromTrustedCanonical(byte[] canonical) => new(canonical);

    /// <summary>The v1 item hash of canonical bytes, without making an item.</summary>
    public static Digest HashOf(ReadOnlySpan<byte> canonicalJson) => Digest.Of(canonicalJson);

    /// <inheritdoc/>
    public bool Equals(Item? other) => other is not null && Hash == other.Hash && Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Item);

    /// <inheritdoc/>
    public override int GetHashCode() => Hash.GetHashCode();

    /// <summary>The canonical JSON as text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_bytes);
}
