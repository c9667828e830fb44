using System.Globalization;

namespace Registers.Protocol.Checkpoints;

/// <summary>The parts of a key string <c>name+keyid+base64(type || key material)</c>.</summary>
internal readonly record struct KeyString(string Name, uint KeyId, SignatureType Type, byte[] Material)
{
    /// <summary>What starts a signer key, so it is never mistaken for a public verifier key.</summary>
    internal const string PrivatePrefix = "PRIVATE+KEY+";

    /// <summary>Ed25519 public keys and seeds are both 32 bytes.</summary>
    internal const int MaterialLength = 32;

    /// <summary>
    /// Splits on the first two <c>+</c> only (standard base64 may itself hold <c>+</c>), then checks each
    /// part. The key ID is not checked against the material here: that needs the public key.
    /// </summary>
    internal static KeyProblem TryParse(ReadOnlySpan<char> text, out KeyString parts)
    {
        parts = default;
        var first = text.IndexOf('+');
        var second = first < 0 ? -1 : text[(first + 1)..].IndexOf('+');
        if (second < 0)
        {
            return KeyProblem.MissingPart;
        }

        var name = text[..first];
        var hex = text.Slice(first + 1, second);
        var base64 = text[(first + second + 2)..];
        if (!NoteSyntax.IsValidKeyName(name))
        {
            return KeyProblem.InvalidName;
        }

        // Upper-case hex is accepted as Go's strconv accepts it; formatting writes lower case.
        if (hex.Length != 8 || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            return KeyProblem.KeyIdNotHex;
        }

        if (!StrictBase64.TryDecode(base64, out var bytes))
        {
            return KeyProblem.KeyNotBase64;
        }

        if (!IsSupported((SignatureType)bytes[0]))
        {
            return KeyProblem.UnsupportedSignatureType;
        }

        if (bytes.Length != 1 + MaterialLength)
        {
            return KeyProblem.WrongKeyLength;
        }

        parts = new KeyString(name.ToString(), keyId, (SignatureType)bytes[0], bytes[1..]);
        return KeyProblem.None;
    }

    /// <summary>The signature types this library implements.</summary>
    internal static bool IsSupported(SignatureType type) =>
        type is SignatureType.Ed25519 or SignatureType.Ed25519CosignatureV1;

    public override string ToString() =>
        $"{Name}+{KeyIds.ToHex(KeyId)}+{Convert.ToBase64String([(byte)Type, .. Material])}";
}
