using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;
using NSecPublicKey = NSec.Cryptography.PublicKey;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// Timestamped Ed25519 witness cosignatures (C2SP tlog-cosignature, signature type 0x04). A cosigner
/// signs <c>cosignature/v1\ntime &lt;unix seconds&gt;\n</c> followed by the whole checkpoint body; the
/// signature line carries key ID, then the timestamp as a big-endian u64, then the 64-byte signature.
/// </summary>
/// <remarks>
/// The message does not name the cosigner, so one Ed25519 key must serve one cosigner only.
/// </remarks>
public static class Cosignature
{
    /// <summary>The first line of every signed message: domain separation from plain note signatures.</summary>
    public const string Header = "cosignature/v1";

    private const int TimestampLength = 8;
    private const int Ed25519SignatureLength = 64;

    /// <summary>
    /// The exact text a cosigner signs for <paramref name="checkpoint"/> at <paramref name="timestamp"/>
    /// (seconds since the Unix epoch).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestamp"/> is negative.</exception>
    public static string FormatSignedMessage(Checkpoint checkpoint, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        return SignedMessage(checkpoint.ToString(), timestamp);
    }

    /// <summary>
    /// Cosigns <paramref name="checkpoint"/> as of <paramref name="time"/> (truncated to whole seconds).
    /// Add the result to the signed checkpoint with <see cref="SignedNote.WithSignatures"/>.
    /// </summary>
    /// <remarks>
    /// A cosignature states that, at that time, this was the largest consistent tree the cosigner had
    /// seen for the log: check consistency with what was seen before cosigning.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="cosigner"/> is not a cosignature key.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the Unix epoch.</exception>
    public static NoteSignature Sign(Checkpoint checkpoint, SignerKey cosigner, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(cosigner);
        if (cosigner.Type != SignatureType.Ed25519CosignatureV1)
        {
            throw Errors.Argument(nameof(cosigner), "Cosignatures are made with a key of type Ed25519CosignatureV1.");
        }

        var timestamp = time.ToUnixTimeSeconds();
        if (timestamp < 0)
        {
            throw Errors.OutOfRange(nameof(time), time, "A cosignature time cannot be before 1970.");
        }

        var signature = new byte[TimestampLength + Ed25519SignatureLength];
        BinaryPrimitives.WriteUInt64BigEndian(signature, (ulong)timestamp);
        cosigner.Sign(Encoding.UTF8.GetBytes(SignedMessage(checkpoint.ToString(), timestamp))).CopyTo(signature, TimestampLength);
        return new NoteSignature(cosigner.Name, cosigner.KeyId, signature);
    }

    /// <summary>
    /// Reads the time a cosignature states, in seconds since the Unix epoch, without verifying it.
    /// False when the signature is not of the cosignature shape.
    /// </summary>
    public static bool TryReadTimestamp(NoteSignature signature, out long timestamp)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return TryReadTimestamp(signature.Signature, out timestamp);
    }

    /// <summary>Verifies a cosignature over a note text with an Ed25519 public key.</summary>
    internal static bool Verify(NSecPublicKey key, ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature, out long timestamp)
    {
        if (!TryReadTimestamp(signature, out timestamp))
        {
            return false;
        }

        var header = Encoding.UTF8.GetBytes(SignedMessage(string.Empty, timestamp));
        var message = new byte[header.Length + text.Length];
        header.CopyTo(message, 0);
        text.CopyTo(message.AsSpan(header.Length));
        return SignatureAlgorithm.Ed25519.Verify(key, message, signature[TimestampLength..]);
    }

    private static bool TryReadTimestamp(ReadOnlySpan<byte> signature, out long timestamp)
    {
        timestamp = 0;
        if (signature.Length != TimestampLength + Ed25519SignatureLength)
        {
            return false;
        }

        // The spec caps the timestamp at 2^63-1; a larger one is malformed, not a far-future time.
        var value = BinaryPrimitives.ReadUInt64BigEndian(signature);
        if (value > long.MaxValue)
        {
            return false;
        }

        timestamp = (long)value;
        return true;
    }

    private static string SignedMessage(string text, long timestamp) =>
        string.Create(CultureInfo.InvariantCulture, $"{Header}\ntime {timestamp}\n{text}");
}
