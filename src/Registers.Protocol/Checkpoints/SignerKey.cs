using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// A named Ed25519 private key that makes note signatures or witness cosignatures. Written as the
/// signer key string <c>PRIVATE+KEY+name+keyid+base64(type || 32-byte seed)</c> of
/// golang.org/x/mod/sumdb/note, where the key ID is that of the matching <see cref="VerifierKey"/>.
/// </summary>
/// <remarks>
/// Holds secret material in memory managed by NSec: dispose of it when done. <see cref="ToString"/>
/// never shows the secret; only <see cref="ExportPrivateKey"/> does.
/// </remarks>
public sealed class SignerKey : IDisposable
{
    private readonly Key _key;

    private SignerKey(Key key, VerifierKey verifierKey)
    {
        _key = key;
        VerifierKey = verifierKey;
    }

    /// <summary>The key's name, as signature lines give it.</summary>
    public string Name => VerifierKey.Name;

    /// <summary>The key ID, shared with <see cref="VerifierKey"/>.</summary>
    public uint KeyId => VerifierKey.KeyId;

    /// <summary>What the key makes: plain note signatures or cosignatures.</summary>
    public SignatureType Type => VerifierKey.Type;

    /// <summary>The public half, to give to those who will verify.</summary>
    public VerifierKey VerifierKey { get; }

    /// <summary>Generates a fresh key pair from the system's secure random source.</summary>
    /// <exception cref="ArgumentException">The name is not a valid key name, or the type is unknown.</exception>
    public static SignerKey Generate(string name, SignatureType type = SignatureType.Ed25519)
    {
        Errors.ThrowIfInvalidKeyName(name);
        Errors.ThrowIfUnsupported(type);

        var key = Key.Create(SignatureAlgorithm.Ed25519, Exportable());
        return FromKey(name, type, key) ?? throw Errors.Unexpected("NSec made an Ed25519 key whose public key it cannot import.");
    }

    /// <summary>Parses a signer key string, throwing when it is not one.</summary>
    /// <exception cref="FormatException">The text is not a valid signer key; the message says why (never the secret).</exception>
    public static SignerKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var key, out var problem) ? key : throw Errors.NotAKey(problem);
    }

    /// <summary>Parses a signer key string, telling why it is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SignerKey? key, out KeyProblem problem)
    {
        key = null;
        if (text is null || !text.StartsWith(KeyString.PrivatePrefix, StringComparison.Ordinal))
        {
            problem = KeyProblem.NotAPrivateKey;
            return false;
        }

        problem = KeyString.TryParse(text.AsSpan(KeyString.PrivatePrefix.Length), out var parts);
        if (problem != KeyProblem.None)
        {
            return false;
        }

        if (!Key.TryImport(SignatureAlgorithm.Ed25519, parts.Material, KeyBlobFormat.RawPrivateKey, out var imported, Exportable()) || imported is null)
        {
            problem = KeyProblem.InvalidKey;
            return false;
        }

        // The ID in the string names the public key, which only the seed can tell: derive and compare.
        var candidate = FromKey(parts.Name, parts.Type, imported);
        if (candidate is null || candidate.KeyId != parts.KeyId)
        {
            imported.Dispose();
            problem = candidate is null ? KeyProblem.InvalidKey : KeyProblem.KeyIdMismatch;
            return false;
        }

        key = candidate;
        return true;
    }

    /// <inheritdoc cref="TryParse(string?, out SignerKey?, out KeyProblem)"/>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SignerKey? key) =>
        TryParse(text, out key, out _);

    /// <summary>
    /// The signer key string, <c>PRIVATE+KEY+name+keyid+base64(type || seed)</c>. It is the secret:
    /// whoever holds it can sign as this key.
    /// </summary>
    public string ExportPrivateKey() =>
        KeyString.PrivatePrefix + new KeyString(Name, KeyId, Type, _key.Export(KeyBlobFormat.RawPrivateKey));

    /// <summary>Names the key without revealing it: <c>name+keyid (private key)</c>.</summary>
    public override string ToString() => $"{Name}+{KeyIds.ToHex(KeyId)} (private key)";

    /// <summary>Ed25519 signature of <paramref name="message"/>, 64 bytes.</summary>
    internal byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    /// <summary>Releases the private key.</summary>
    public void Dispose() => _key.Dispose();

    // The server and custodians keep their keys in files, so the seed must be exportable.
    // (KeyCreationParameters is a ref struct, so it cannot be kept in a static field.)
    private static KeyCreationParameters Exportable() =>
        new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private static SignerKey? FromKey(string name, SignatureType type, Key key)
    {
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        return VerifierKey.TryImport(name, type, publicKey, out var verifierKey) ? new SignerKey(key, verifierKey) : null;
    }
}
