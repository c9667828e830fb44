namespace Registers.Protocol.Checkpoints;

/// <summary>
/// Why a text is not a verifier key (<c>name+keyid+base64(type||public key)</c>) or a signer key
/// (<c>PRIVATE+KEY+name+keyid+base64(type||seed)</c>).
/// </summary>
public enum KeyProblem
{
    /// <summary>The text is a key.</summary>
    None,

    /// <summary>A signer key does not start with <c>PRIVATE+KEY+</c>.</summary>
    NotAPrivateKey,

    /// <summary>There are not three parts separated by <c>+</c>.</summary>
    MissingPart,

    /// <summary>The name is empty or holds a Unicode space, a plus sign or a control character.</summary>
    InvalidName,

    /// <summary>The key ID is not exactly eight hex digits.</summary>
    KeyIdNotHex,

    /// <summary>The key material is not canonical standard base64.</summary>
    KeyNotBase64,

    /// <summary>The key material starts with a signature type this library does not implement.</summary>
    UnsupportedSignatureType,

    /// <summary>The key material is not a type byte followed by 32 bytes.</summary>
    WrongKeyLength,

    /// <summary>The key ID is not the one computed from the name, type and public key.</summary>
    KeyIdMismatch,

    /// <summary>The 32 bytes are not an Ed25519 key the crypto library accepts.</summary>
    InvalidKey,

    /// <summary>A verifier key was wanted and a signer key (<c>PRIVATE+KEY+...</c>), the secret, was given.</summary>
    PrivateKey,
}

/// <summary>Says what a <see cref="KeyProblem"/> means, in words for the person who gave the key.</summary>
public static class KeyProblems
{
    /// <summary>Why the text was not a key, e.g. "the key ID is not eight hex digits".</summary>
    public static string Describe(this KeyProblem problem) => Errors.Describe(problem);
}
