using System.Buffers;
using System.Text;

namespace Registers.Protocol.Checkpoints;

/// <summary>
/// The character-level rules shared by signed notes, checkpoints and key strings (C2SP signed-note).
/// </summary>
internal static class NoteSyntax
{
    /// <summary>Every signature line starts with an em dash (U+2014) and a space.</summary>
    internal const string SignaturePrefix = "\u2014 ";

    /// <summary>
    /// Key names must be non-empty and free of Unicode spaces and <c>+</c>: the <c>+</c> separates the
    /// parts of a key string, and a space separates the name from the signature in a signature line.
    /// ASCII control characters are refused too: a name holding one could never appear in a valid note.
    /// </summary>
    internal static bool IsValidKeyName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        while (!name.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(name, out var rune, out var used) != OperationStatus.Done
                || Rune.IsWhiteSpace(rune) || rune.Value < ' ' || rune.Value == '+')
            {
                return false;
            }

            name = name[used..];
        }

        return true;
    }

    /// <summary>
    /// True when the text holds an unpaired surrogate: it then has no UTF-8 encoding, and signing
    /// what <see cref="Encoding.UTF8"/> would silently substitute would sign other bytes than were shown.
    /// </summary>
    internal static bool HasUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Notes may hold no ASCII control character (below U+0020) other than newline.</summary>
    internal static bool HasControlCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < ' ' && c != '\n')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Both checks at once, for text that is about to be signed or placed in a note.</summary>
    internal static bool IsNoteText(ReadOnlySpan<char> text) =>
        !HasUnpairedSurrogate(text) && !HasControlCharacter(text);
}
