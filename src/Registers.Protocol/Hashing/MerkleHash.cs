using System.Security.Cryptography;

namespace Registers.Protocol.Hashing;

/// <summary>
/// The two hash functions of an RFC 6962 / RFC 9162 Merkle tree over SHA-256. The one-byte prefixes
/// keep a leaf from ever being mistaken for an interior node (second-preimage resistance).
/// </summary>
public static class MerkleHash
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    /// <summary>The root of the empty tree: SHA-256 of no bytes.</summary>
    public static readonly Digest EmptyRoot = Digest.Of([]);

    /// <summary>MTH({d}) = SHA-256(0x00 || d).</summary>
    public static Digest Leaf(ReadOnlySpan<byte> leafData)
        => HashWithPrefix(LeafPrefix, leafData);

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static Digest Node(in Digest left, in Digest right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Digest.Length)];
        buffer[0] = NodePrefix;
        left.Bytes.CopyTo(buffer[1..]);
        right.Bytes.CopyTo(buffer[(1 + Digest.Length)..]);
        return Digest.Of(buffer);
    }

    private static Digest HashWithPrefix(byte prefix, ReadOnlySpan<byte> data)
    {
        // Small leaves (every v1 entry is under 1 KiB) are hashed in one call from the stack.
        if (data.Length <= 1023)
        {
            Span<byte> buffer = stackalloc byte[data.Length + 1];
            buffer[0] = prefix;
            data.CopyTo(buffer[1..]);
            return Digest.Of(buffer);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([prefix]);
        hash.AppendData(data);
        Span<byte> result = stackalloc byte[Digest.Length];
        hash.GetHashAndReset(result);
        return Digest.FromBytes(result);
    }
}
