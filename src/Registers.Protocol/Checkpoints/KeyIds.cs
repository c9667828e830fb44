using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// Key IDs: the first four bytes, big-endian, of SHA-256(name || 0x0A || signature type || public key).
/// </summary>
/// <remarks>
/// An ID is a hint for finding the right key, not a cryptographic commitment: anyone can make a key
/// with a colliding ID, and gets only a failed verification for it.
/// </remarks>
internal static class KeyIds
{
    internal static uint Compute(string name, SignatureType type, ReadOnlySpan<byte> publicKey)
    {
        var nameLength = Encoding.UTF8.GetByteCount(name);
        var buffer = new byte[nameLength + 2 + publicKey.Length];
        Encoding.UTF8.GetBytes(name, buffer);
        buffer[nameLength] = (byte)'\n';
        buffer[nameLength + 1] = (byte)type;
        publicKey.CopyTo(buffer.AsSpan(nameLength + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(Digest.Of(buffer).Bytes);
    }

    /// <summary>Eight lowercase hex digits, as key strings write the ID.</summary>
    internal static string ToHex(uint keyId) => keyId.ToString("x8", CultureInfo.InvariantCulture);
}
