using Registers.Protocol.Checkpoints;

namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// The <c>keyid</c> a custodian signs requests under: <c>name+keyid</c> of its Ed25519 verifier key,
/// e.g. <c>custodian.example/alice+1a2b3c4d</c>, as <see cref="SignerKey.ToString"/> names the key.
/// </summary>
/// <remarks>
/// Not the whole verifier key string: a keyid carrying the public key invites a verifier to take the
/// key from the request, which would accept anyone's signature. A name and hash only point at a key
/// the server already holds, and are short. The eight hex digits tell apart two keys of one name,
/// such as an old and a new key while a custodian rotates.
/// </remarks>
public static class HttpSignatureKeyIds
{
    /// <summary>The keyid for <paramref name="key"/>: its name, <c>+</c>, its key ID in eight lowercase hex digits.</summary>
    public static string Of(VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{key.Name}+{KeyIds.ToHex(key.KeyId)}";
    }

    /// <summary>
    /// Whether requests can be signed under <paramref name="key"/>: its keyid is a signature parameter, which holds printable
    /// ASCII only, though a signed note's key name may hold more (<c>custodian.example/zoë</c>).
    /// </summary>
    public static bool CanName(VerifierKey key) => SfSyntax.IsStringContent(Of(key));

    /// <summary>A key resolver for a verifier that knows <paramref name="keys"/>, looking each up by <see cref="Of"/>.</summary>
    /// <exception cref="ArgumentException">A key is not an Ed25519 note key, or two different keys share a keyid.</exception>
    public static Func<string, VerifierKey?> Resolver(IEnumerable<VerifierKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var byKeyId = new Dictionary<string, VerifierKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if (key.Type != SignatureType.Ed25519)
            {
                throw SignatureErrors.Argument(nameof(keys), $"{key} is a cosignature key; requests are signed with Ed25519 note keys.");
            }

            if (byKeyId.TryGetValue(Of(key), out var known) && !known.Equals(key))
            {
                throw SignatureErrors.Argument(nameof(keys), $"Keys {known} and {key} share the keyid {Of(key)}.");
            }

            byKeyId[Of(key)] = key;
        }

        return keyId => byKeyId.GetValueOrDefault(keyId);
    }
}
