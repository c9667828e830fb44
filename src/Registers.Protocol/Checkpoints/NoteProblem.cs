namespace Registers.Protocol.Checkpoints;

/// <summary>Why a text is not a signed note (C2SP signed-note).</summary>
public enum NoteProblem
{
    /// <summary>The text is a well-formed signed note.</summary>
    None,

    /// <summary>The bytes are not valid UTF-8 (or the string holds an unpaired surrogate).</summary>
    NotUtf8,

    /// <summary>The note holds an ASCII control character other than newline.</summary>
    ControlCharacter,

    /// <summary>There is no blank line separating the text from the signatures.</summary>
    NoSignatureBlock,

    /// <summary>Nothing follows the blank line.</summary>
    NoSignatures,

    /// <summary>The last signature line does not end in a newline.</summary>
    MissingFinalNewline,

    /// <summary>A line of the signature block does not start with an em dash (U+2014) and a space.</summary>
    NotASignatureLine,

    /// <summary>A key name is empty or holds a Unicode space or a plus sign.</summary>
    InvalidKeyName,

    /// <summary>A signature is not canonical standard base64.</summary>
    SignatureNotBase64,

    /// <summary>A signature decodes to fewer than five bytes (a four-byte key ID and at least one more).</summary>
    SignatureTooShort,

    /// <summary>The note has more signatures than <see cref="SignedNote.MaxSignatures"/>.</summary>
    TooManySignatures,
}
