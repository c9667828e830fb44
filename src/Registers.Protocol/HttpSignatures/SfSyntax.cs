namespace Registers.Protocol.HttpSignatures;

/// <summary>The character classes of RFC 8941's ABNF.</summary>
internal static class SfSyntax
{
    /// <summary>A key starts with a lowercase letter or <c>*</c>.</summary>
    internal static bool IsKeyStart(char c) => char.IsAsciiLetterLower(c) || c == '*';

    /// <summary>Later key characters: lowercase letters, digits, <c>_ - . *</c>.</summary>
    internal static bool IsKeyCharacter(char c) =>
        char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.' or '*';

    /// <summary>RFC 9110 <c>tchar</c>: letters, digits and <c>! # $ % &amp; ' * + - . ^ _ ` | ~</c>.</summary>
    internal static bool IsTokenCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>A non-empty key: a key start then key characters.</summary>
    internal static bool IsKey(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !IsKeyStart(text[0]))
        {
            return false;
        }

        foreach (var c in text[1..])
        {
            if (!IsKeyCharacter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A string item may hold printable ASCII only (space to tilde).</summary>
    internal static bool IsStringContent(ReadOnlySpan<char> text) =>
        !text.ContainsAnyExceptInRange(' ', '~');
}
