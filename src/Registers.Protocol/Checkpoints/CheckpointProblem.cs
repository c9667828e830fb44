namespace Registers.Protocol.Checkpoints;

/// <summary>Why a text is not a checkpoint body (C2SP tlog-checkpoint).</summary>
public enum CheckpointProblem
{
    /// <summary>The text is a checkpoint.</summary>
    None,

    /// <summary>The text holds an ASCII control character other than newline, or an unpaired surrogate.</summary>
    InvalidCharacter,

    /// <summary>The last line does not end in a newline.</summary>
    MissingFinalNewline,

    /// <summary>There are fewer than the three lines origin, size and root hash.</summary>
    TooFewLines,

    /// <summary>The origin line is empty.</summary>
    EmptyOrigin,

    /// <summary>The size line is not made only of ASCII decimal digits (no sign, no spaces).</summary>
    SizeNotDecimal,

    /// <summary>The size has a leading zero (only the empty tree is written <c>0</c>).</summary>
    SizeHasLeadingZero,

    /// <summary>The size does not fit in a signed 64-bit integer.</summary>
    SizeOutOfRange,

    /// <summary>The root hash line is not canonical standard base64.</summary>
    RootNotBase64,

    /// <summary>The root hash does not decode to exactly 32 bytes.</summary>
    RootWrongLength,

    /// <summary>An extension line is empty.</summary>
    EmptyExtensionLine,
}
