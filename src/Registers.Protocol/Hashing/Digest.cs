using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Registers.Protocol.Hashing;

/// <summary>
/// A SHA-256 digest: 32 bytes held by value, so trees and proofs can keep millions of them
/// without an allocation each. Written as <c>sha-256:&lt;lowercase hex&gt;</c> on the register wire.
/// </summary>
public readonly struct Digest : IEquatable<Digest>
{
    /// <summary>The number of bytes in a SHA-256 digest.</summary>
    public const int Length = 32;

    /// <summary>The prefix GOV.UK registers put before a hex digest.</summary>
    public const string Sha256Prefix = "sha-256:";

    private readonly Bytes32 _bytes;

    private Digest(ReadOnlySpan<byte> bytes) => bytes.CopyTo(_bytes);

    /// <summary>Wraps 32 bytes that are already a digest.</summary>
    /// <exception cref="ArgumentException">The span is not exactly 32 bytes long.</exception>
    public static Digest FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length
            ? new Digest(bytes)
            : throw new ArgumentException($"A SHA-256 digest is {Length} bytes, not {bytes.Length}.", nameof(bytes));

    /// <summary>SHA-256 of <paramref name="data"/> (see <see cref="Sha256"/> for how small inputs are made fast).</summary>
    public static Digest Of(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[Length];
        Sha256.Hash(data, hash);
        return new Digest(hash);
    }

    /// <summary>The 32 bytes of the digest.</summary>
    public ReadOnlySpan<byte> Bytes => MemoryMarshal.CreateReadOnlySpan(
        ref Unsafe.AsRef(in _bytes[0]), Length);

    /// <summary>A fresh array holding the 32 bytes.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>Lowercase hex, without a prefix.</summary>
    public string ToHex() => Convert.ToHexStringLower(Bytes);

    /// <summary>Standard base64 with padding, as checkpoints and tlog-tiles write hashes.</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);

    /// <summary>The GOV.UK form, <c>sha-256:&lt;hex&gt;</c>.</summary>
    public override string ToString() => Sha256Prefix + ToHex();

    /// <summary>Parses 64 hex digits, upper or lower case, with no prefix.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out Digest digest)
    {
        digest = default;
        if (hex.Length != Length * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != OperationStatus.Done || written != Length)
        {
            return false;
        }

        digest = new Digest(bytes);
        return true;
    }

    /// <summary>Parses the GOV.UK form <c>sha-256:&lt;64 lowercase hex digits&gt;</c>.</summary>
    /// <remarks>Upper-case hex is refused: GOV.UK wrote hashes in lower case and items are compared as text.</remarks>
    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest) =>
        TryParse(text.AsSpan(), out digest);

    /// <inheritdoc cref="TryParse(string?, out Digest)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out Digest digest)
    {
        digest = default;
        if (!text.StartsWith(Sha256Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = text[Sha256Prefix.Length..];
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return TryParseHex(hex, out digest);
    }

    /// <summary>The number of bytes <see cref="FormatUtf8"/> writes: <c>sha-256:</c> and 64 hex digits.</summary>
    public const int Utf8Length = 8 + (2 * Length);

    /// <summary>Writes the GOV.UK form <c>sha-256:&lt;hex&gt;</c> as UTF-8; returns <see cref="Utf8Length"/>.</summary>
    /// <param name="destination">At least <see cref="Utf8Length"/> bytes.</param>
    public int FormatUtf8(Span<byte> destination)
    {
        "sha-256:"u8.CopyTo(destination);
        Convert.TryToHexStringLower(Bytes, destination[8..Utf8Length], out _);
        return Utf8Length;
    }

    /// <summary>Parses the GOV.UK form <c>sha-256:&lt;64 lowercase hex digits&gt;</c> from UTF-8 bytes, as RSF and leaf bytes carry it.</summary>
    /// <remarks>Upper-case hex is refused, as by <see cref="TryParse(ReadOnlySpan{char}, out Digest)"/>.</remarks>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Digest digest)
    {
        digest = default;
        if (utf8.Length != Utf8Length || !utf8.StartsWith("sha-256:"u8))
        {
            return false;
        }

        var hex = utf8[8..];
        if (hex.ContainsAnyExcept(LowerHexDigits))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        Convert.FromHexString(hex, bytes, out _, out _);
        digest = new Digest(bytes);
        return true;
    }

    private static readonly SearchValues<byte> LowerHexDigits = SearchValues.Create("0123456789abcdef"u8);

    /// <summary>Parses the GOV.UK form, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static Digest Parse(string text) =>
        TryParse(text, out var digest)
            ? digest
            : throw new FormatException($"'{text}' is not a digest of the form sha-256:<64 lowercase hex digits>.");

    /// <summary>Parses standard base64 of exactly 32 bytes.</summary>
    public static bool TryParseBase64(ReadOnlySpan<char> base64, out Digest digest)
    {
        digest = default;
        Span<byte> bytes = stackalloc byte[Length + 3];
        if (!Convert.TryFromBase64Chars(base64, bytes, out var written) || written != Length)
        {
            return false;
        }

        digest = new Digest(bytes[..Length]);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(Digest other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Digest other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(Bytes);

    /// <summary>Byte-wise equality.</summary>
    public static bool operator ==(Digest left, Digest right) => left.Equals(right);

    /// <summary>Byte-wise inequality.</summary>
    public static bool operator !=(Digest left, Digest right) => !left.Equals(right);

    [InlineArray(Length)]
    private struct Bytes32
    {
        private byte _element;
    }
}
