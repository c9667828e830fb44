using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// A signed note (C2SP signed-note): a text ending in a newline, a blank line, then one or more
/// signature lines. Parsing checks the form only; <see cref="NoteVerifier"/> checks the signatures,
/// and until it has, the text must not be trusted.
/// </summary>
public sealed class SignedNote
{
    /// <summary>
    /// The most signatures a note may carry. The spec asks verifiers to accept at least 16 and to set
    /// some limit; 100 is the limit of golang.org/x/mod/sumdb/note, so notes it accepts are accepted here.
    /// </summary>
    public const int MaxSignatures = 100;

    private readonly NoteSignature[] _signatures;

    /// <summary>A note of <paramref name="text"/> carrying <paramref name="signatures"/> (in that order).</summary>
    /// <exception cref="ArgumentException">
    /// The text does not end in a newline or holds a control character other than newline; there are no
    /// signatures, or more than <see cref="MaxSignatures"/>.
    /// </exception>
    public SignedNote(string text, IEnumerable<NoteSignature> signatures)
    {
        ValidateText(text);
        ArgumentNullException.ThrowIfNull(signatures);
        var list = signatures.ToArray();
        if (list.Length is 0 or > MaxSignatures || list.Any(signature => signature is null))
        {
            throw Errors.Argument(nameof(signatures), $"A signed note carries from 1 to {MaxSignatures} signatures.");
        }

        Text = text;
        _signatures = list;
    }

    /// <summary>The signed text, including its final newline but not the blank line after it.</summary>
    public string Text { get; }

    /// <summary>The signature lines, in the order written.</summary>
    public IReadOnlyList<NoteSignature> Signatures => _signatures;

    /// <summary>
    /// This note with <paramref name="signatures"/> added after the present ones. A present signature by
    /// the same key (name and ID) is dropped first, so re-signing replaces rather than duplicates.
    /// </summary>
    public SignedNote WithSignatures(IEnumerable<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var added = signatures.ToArray();
        var kept = _signatures.Where(old => !added.Any(sig => sig?.KeyName == old.KeyName && sig.KeyId == old.KeyId));
        return new SignedNote(Text, [.. kept, .. added]);
    }

    /// <summary>The note as sent: text, blank line, signature lines.</summary>
    public override string ToString()
    {
        var note = new StringBuilder(Text).Append('\n');
        foreach (var signature in _signatures)
        {
            note.Append(signature).Append('\n');
        }

        return note.ToString();
    }

    /// <summary>The note as UTF-8 bytes.</summary>
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToString());

    /// <summary>Parses a signed note from UTF-8 bytes, throwing when it is not one.</summary>
    /// <exception cref="FormatException">The bytes break a rule of signed-note; the message says which.</exception>
    public static SignedNote Parse(ReadOnlySpan<byte> utf8) =>
        TryParse(utf8, out var note, out var problem) ? note : throw Errors.NotASignedNote(problem);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static SignedNote Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var note, out var problem) ? note : throw Errors.NotASignedNote(problem);
    }

    /// <summary>Parses a signed note from UTF-8 bytes, telling why it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SignedNote? note, out NoteProblem problem)
    {
        note = null;
        problem = Utf8.IsValid(utf8) ? TryParseCore(Encoding.UTF8.GetString(utf8), out note) : NoteProblem.NotUtf8;
        return note is not null;
    }

    /// <summary>Parses a signed note from a string, telling why it is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SignedNote? note, out NoteProblem problem)
    {
        note = null;
        problem = text is null ? NoteProblem.NoSignatureBlock
            : NoteSyntax.HasUnpairedSurrogate(text) ? NoteProblem.NotUtf8
            : TryParseCore(text, out note);
        return note is not null;
    }

    private static NoteProblem TryParseCore(string message, out SignedNote? note)
    {
        note = null;
        if (NoteSyntax.HasControlCharacter(message))
        {
            return NoteProblem.ControlCharacter;
        }

        // The text may hold blank lines itself: the last blank line is the separator.
        var split = message.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return NoteProblem.NoSignatureBlock;
        }

        var block = message.AsSpan(split + 2);
        if (block.IsEmpty)
        {
            return NoteProblem.NoSignatures;
        }

        if (block[^1] != '\n')
        {
            return NoteProblem.MissingFinalNewline;
        }

        var signatures = new List<NoteSignature>();
        foreach (var range in block[..^1].Split('\n'))
        {
            // Count before parsing, so an oversized note costs no more than the limit.
            if (signatures.Count == MaxSignatures)
            {
                return NoteProblem.TooManySignatures;
            }

            var problem = NoteSignature.TryParse(block[range], out var signature);
            if (problem != NoteProblem.None)
            {
                return problem;
            }

            signatures.Add(signature!);
        }

        note = new SignedNote(message[..(split + 1)], signatures);
        return NoteProblem.None;
    }

    /// <summary>Refuses text that could not be the text of a signed note.</summary>
    internal static void ValidateText(string text, [CallerArgumentExpression(nameof(text))] string paramName = "")
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        if (!text.EndsWith('\n') || !NoteSyntax.IsNoteText(text))
        {
            throw Errors.Argument(paramName, "Note text must end in a newline and hold no control character but newline.");
        }
    }
}
