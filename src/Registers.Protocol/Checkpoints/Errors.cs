using System.Runtime.CompilerServices;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// Every exception this namespace throws is made here, and every failure reason is put into words
/// here, so that messages stay consistent and the parsing code reads as the rules it checks.
/// </summary>
internal static class Errors
{
    internal static string Describe(CheckpointProblem problem) => problem switch
    {
        CheckpointProblem.None => "no problem",
        CheckpointProblem.InvalidCharacter => "it holds a control character or an unpaired surrogate",
        CheckpointProblem.MissingFinalNewline => "it does not end in a newline",
        CheckpointProblem.TooFewLines => "it has fewer than three lines (origin, size, root hash)",
        CheckpointProblem.EmptyOrigin => "the origin line is empty",
        CheckpointProblem.SizeNotDecimal => "the tree size is not plain ASCII decimal digits",
        CheckpointProblem.SizeHasLeadingZero => "the tree size has a leading zero",
        CheckpointProblem.SizeOutOfRange => "the tree size is larger than 2^63-1",
        CheckpointProblem.RootNotBase64 => "the root hash is not canonical base64",
        CheckpointProblem.RootWrongLength => "the root hash is not 32 bytes",
        CheckpointProblem.EmptyExtensionLine => "an extension line is empty",
        _ => problem.ToString(),
    };

    internal static string Describe(NoteProblem problem) => problem switch
    {
        NoteProblem.None => "no problem",
        NoteProblem.NotUtf8 => "it is not valid UTF-8",
        NoteProblem.ControlCharacter => "it holds a control character other than newline",
        NoteProblem.NoSignatureBlock => "no blank line separates the text from signatures",
        NoteProblem.NoSignatures => "there are no signature lines",
        NoteProblem.MissingFinalNewline => "the last signature line does not end in a newline",
        NoteProblem.NotASignatureLine => "a signature line does not start with an em dash and a space",
        NoteProblem.InvalidKeyName => "a key name is empty or holds a space or '+'",
        NoteProblem.SignatureNotBase64 => "a signature is not canonical base64",
        NoteProblem.SignatureTooShort => "a signature is shorter than a key ID and one byte",
        NoteProblem.TooManySignatures => $"it has more than {SignedNote.MaxSignatures} signatures",
        _ => problem.ToString(),
    };

    internal static string Describe(KeyProblem problem) => problem switch
    {
        KeyProblem.None => "no problem",
        KeyProblem.NotAPrivateKey => "it does not start with PRIVATE+KEY+",
        KeyProblem.MissingPart => "it is not of the form name+keyid+key",
        KeyProblem.InvalidName => "the name is empty or holds a space, '+' or a control character",
        KeyProblem.KeyIdNotHex => "the key ID is not eight hex digits",
        KeyProblem.KeyNotBase64 => "the key is not canonical base64",
        KeyProblem.UnsupportedSignatureType => "the key is of an unsupported signature type",
        KeyProblem.WrongKeyLength => "the key is not a type byte and 32 bytes",
        KeyProblem.KeyIdMismatch => "the key ID does not match the name and key",
        KeyProblem.InvalidKey => "the key is not a usable Ed25519 key",
        KeyProblem.PrivateKey => "it is a private key, which is secret: give its verifier key (keygen writes it to the .pub file beside the key)",
        _ => problem.ToString(),
    };

    internal static string Describe(VerificationFailure failure) => failure switch
    {
        VerificationFailure.None => "verified",
        VerificationFailure.MalformedNote => "not a signed note",
        VerificationFailure.NoKnownSignature => "no signature from a known key",
        VerificationFailure.InvalidSignature => "a signature from a known key is invalid",
        VerificationFailure.MissingLogSignature => "not signed by the log's key",
        VerificationFailure.MalformedCheckpoint => "the signed text is not a checkpoint",
        VerificationFailure.WrongOrigin => "the checkpoint is for another log",
        _ => failure.ToString(),
    };

    internal static FormatException NotACheckpoint(CheckpointProblem problem) =>
        new($"Not a checkpoint: {Describe(problem)}.");

    internal static FormatException NotASignedNote(NoteProblem problem) =>
        new($"Not a signed note: {Describe(problem)}.");

    internal static FormatException NotAKey(KeyProblem problem) =>
        new($"Not a key: {Describe(problem)}.");

    internal static FormatException NotAKeyFile(int line, KeyProblem problem) =>
        new($"Key file line {line} is not a key: {Describe(problem)}.");

    /// <summary>Refuses a key name that could not appear in a key string or a signature line.</summary>
    internal static void ThrowIfInvalidKeyName(string name, [CallerArgumentExpression(nameof(name))] string paramName = "")
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (!NoteSyntax.IsValidKeyName(name))
        {
            throw Argument(paramName, "A key name must be non-empty, without spaces, '+' or control characters.");
        }
    }

    /// <summary>Refuses a signature type this library does not implement.</summary>
    internal static void ThrowIfUnsupported(SignatureType type, [CallerArgumentExpression(nameof(type))] string paramName = "")
    {
        if (!KeyString.IsSupported(type))
        {
            throw Argument(paramName, $"Signature type {(byte)type} is not supported.");
        }
    }

    internal static InvalidOperationException Unexpected(string message) => new(message);

    internal static ArgumentException Argument(string paramName, string message) =>
        new(message, paramName);

    internal static ArgumentOutOfRangeException OutOfRange(string paramName, object? value, string message) =>
        new(paramName, value, message);
}
