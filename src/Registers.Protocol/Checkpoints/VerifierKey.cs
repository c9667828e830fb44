using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;
using NSecPublicKey = NSec.Cryptography.PublicKey;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// A named Ed25519 public key that checks note signatures (<see cref="SignatureType.Ed25519"/>) or
/// witness cosignatures (<see cref="SignatureType.Ed25519CosignatureV1"/>). Written as the verifier
/// key string <c>name+keyid+base64(type || 32-byte public key)</c> of golang.org/x/mod/sumdb/note.
/// </summary>
public sealed class VerifierKey : IEquatable<VerifierKey>
{
    private readonly byte[] _publicKey;
    private readonly NSecPublicKey _key;

    private VerifierKey(string name, SignatureType type, byte[] publicKey, NSecPublicKey key)
    {
        Name = name;
        Type = type;
        _publicKey = publicKey;
        _key = key;
        KeyId = KeyIds.Compute(name, type, publicKey);
    }

    /// <summary>The key's name, as signature lines give it.</summary>
    public string Name { get; }

    /// <summary>The key ID, computed from the name, type and public key.</summary>
    public uint KeyId { get; }

    /// <summary>What the key verifies: plain note signatures or cosignatures.</summary>
    public SignatureType Type { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    /// <summary>A verifier key for <paramref name="publicKey"/> under <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a valid key name, the type is unknown, or the key is not 32 usable bytes.</exception>
    public static VerifierKey Create(string name, SignatureType type, ReadOnlySpan<byte> publicKey)
    {
        Errors.ThrowIfInvalidKeyName(name);
        Errors.ThrowIfUnsupported(type);

        return TryImport(name, type, publicKey, out var key)
            ? key
            : throw Errors.Argument(nameof(publicKey), "Not a 32-byte Ed25519 public key.");
    }

    /// <summary>Parses a verifier key string, throwing when it is not one.</summary>
    /// <exception cref="FormatException">The text is not a valid verifier key; the message says why.</exception>
    public static VerifierKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var key, out var problem) ? key : throw Errors.NotAKey(problem);
    }

    /// <summary>Parses a verifier key string, telling why it is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out VerifierKey? key, out KeyProblem problem)
    {
        key = null;
        var parts = default(KeyString);
        problem = text is null ? KeyProblem.MissingPart
            : text.StartsWith(KeyString.PrivatePrefix, StringComparison.Ordinal) ? KeyProblem.PrivateKey
            : KeyString.TryParse(text, out parts);
        if (problem != KeyProblem.None)
        {
            return false;
        }

        if (!TryImport(parts.Name, parts.Type, parts.Material, out var imported))
        {
            problem = KeyProblem.InvalidKey;
        }
        else if (imported.KeyId != parts.KeyId)
        {
            problem = KeyProblem.KeyIdMismatch;
        }
        else
        {
            key = imported;
        }

        return key is not null;
    }

    /// <inheritdoc cref="TryParse(string?, out VerifierKey?, out KeyProblem)"/>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out VerifierKey? key) =>
        TryParse(text, out key, out _);

    /// <summary>The verifier key string, <c>name+keyid+base64(type || public key)</c>.</summary>
    public override string ToString() => new KeyString(Name, KeyId, Type, _publicKey).ToString();

    /// <summary>
    /// Checks the signature bytes that follow the key ID in a signature line over the note text.
    /// For a cosignature key, <paramref name="timestamp"/> is the time the cosigner stated.
    /// </summary>
    internal bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature, out long? timestamp)
    {
        timestamp = null;
        if (Type == SignatureType.Ed25519)
        {
            return SignatureAlgorithm.Ed25519.Verify(_key, text, signature);
        }

        var verified = Cosignature.Verify(_key, text, signature, out var time);
        timestamp = verified ? time : null;
        return verified;
    }

    internal static bool TryImport(string name, SignatureType type, ReadOnlySpan<byte> publicKey, [NotNullWhen(true)] out VerifierKey? key)
    {
        key = null;
        if (publicKey.Length == KeyString.MaterialLength
            && NSecPublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var imported)
            && imported is not null)
        {
            key = new VerifierKey(name, type, publicKey.ToArray(), imported);
        }

        return key is not null;
    }

    /// <summary>Same name, type and public key (and so the same key ID).</summary>
    public bool Equals(VerifierKey? other) =>
        other is not null && Name == other.Name && Type == other.Type && _publicKey.AsSpan().SequenceEqual(other._publicKey);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VerifierKey);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, KeyId);
}
