using System.Buffers;
using System.Text;
using Registers.Protocol.Hashing;

namespace Registers.Protocol.Fields.Formats;

/// <summary>
/// String, text, name, hash and boolean.
/// <list type="bullet">
/// <item>string and text (specification string-datatype): one or more characters; the empty string
/// "SHOULD NOT be allowed", strings with no printable character are "advised" against, and a byte
/// order mark "MUST NOT" appear, so all three are refused. Text is Markdown, which any string is.</item>
/// <item>name (name-datatype): <c>[a-z][a-z0-9-]*</c>; the prose says lower-case letters, the examples agree.</item>
/// <item>hash (hash-datatype): hexadecimal, written as v1 writes every hash, <c>sha-256:</c> and 64
/// lower-case hex digits.</item>
/// <item>boolean (RFC 0019, approved): <c>true</c> or <c>false</c>.</item>
/// </list>
/// </summary>
internal static class TextFormats
{
    private static readonly SearchValues<byte> NameBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-"u8);

    /// <summary>Null when <paramref name="value"/> is a string (or text); otherwise why not.</summary>
    public static string? CheckString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return "a string is not empty";
        }

        if (value.StartsWith("\uFEFF"u8))
        {
            return "a string does not start with a byte order mark";
        }

        // Stop at the first character that is not whitespace; only blank strings are read to the end.
        while (!value.IsEmpty)
        {
            Rune.DecodeFromUtf8(value, out var rune, out var consumed);
            if (!Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune))
            {
                return null;
            }

            value = value[consumed..];
        }

        return "a string has at least one printable character";
    }

    /// <summary>Null when <paramref name="value"/> is a name; otherwise why not.</summary>
    public static string? CheckName(ReadOnlySpan<byte> value) =>
        !value.IsEmpty && char.IsAsciiLetterLower((char)value[0]) && !value.ContainsAnyExcept(NameBytes)
            ? null
            : "a name is [a-z][a-z0-9-]*";

    /// <summary>Null when <paramref name="value"/> is a hash; otherwise why not.</summary>
    public static string? CheckHash(ReadOnlySpan<byte> value)
    {
        Span<char> chars = stackalloc char[72];
        return value.Length == 72 && Ascii.ToUtf16(value, chars, out _) == OperationStatus.Done && Digest.TryParse(chars, out _)
            ? null
            : "a hash is sha-256: and 64 lower-case hex digits";
    }

    /// <summary>Null when <paramref name="value"/> is a boolean; otherwise why not.</summary>
    public static string? CheckBoolean(ReadOnlySpan<byte> value) =>
        value.SequenceEqual("true"u8) || value.SequenceEqual("false"u8) ? null : "a boolean is true or false";
}
