using System.Buffers;
using System.Text;

namespace Registers.Protocol.Json;

/// <summary>
/// String escaping as GOV.UK v1 canonical JSON writes it: <c>"</c> and <c>\</c> with a backslash,
/// <c>\b \f \n \r \t</c> in short form, other control characters as <c>\u00XX</c> with upper-case hex
/// (the specification's item-def says so, and Jackson, which openregister-java used, writes upper case),
/// and everything else, <c>/</c> and non-ASCII included, literally. Works on UTF-8 bytes throughout.
/// </summary>
internal static class CanonicalEscaping
{
    /// <summary>The bytes that need an escape; everything else is copied as it is.</summary>
    internal static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    private static ReadOnlySpan<byte> UpperHex => "0123456789ABCDEF"u8;

    /// <summary>The number of bytes <see cref="Escape"/> writes for <paramref name="utf8"/>.</summary>
    public static int EscapedLength(ReadOnlySpan<byte> utf8)
    {
        var length = utf8.Length;
        var index = utf8.IndexOfAny(NeedsEscape);
        while (index >= 0)
        {
            length += EscapeOf(utf8[index]).Length - 1;
            var next = utf8[(index + 1)..].IndexOfAny(NeedsEscape);
            index = next < 0 ? -1 : index + 1 + next;
        }

        return length;
    }

    /// <summary>Writes the escaped form of <paramref name="utf8"/> (without quotes); returns the bytes written.</summary>
    /// <remarks>Precondition: <paramref name="destination"/> holds at least <see cref="EscapedLength"/> bytes.</remarks>
    public static int Escape(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var run = utf8.IndexOfAny(NeedsEscape);
            if (run < 0)
            {
                utf8.CopyTo(destination[written..]);
                return written + utf8.Length;
            }

            utf8[..run].CopyTo(destination[written..]);
            written += run;
            var escape = EscapeOf(utf8[run]);
            escape.CopyTo(destination[written..]);
            written += escape.Length;
            utf8 = utf8[(run + 1)..];
        }
    }

    /// <summary>Writes <paramref name="utf8"/> as a quoted canonical JSON string; returns the bytes written.</summary>
    public static int WriteQuoted(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        var written = 1 + Escape(utf8, destination[1..]);
        destination[written] = (byte)'"';
        return written + 1;
    }

    /// <summary>
    /// Decodes the escapes of a JSON string body that has already been checked (canonical or
    /// accepted by a JSON reader) into <paramref name="destination"/>; returns the bytes written.
    /// The result is never longer than the input.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var slash = escaped.IndexOf((byte)'\\');
            if (slash < 0)
            {
                escaped.CopyTo(destination[written..]);
                return written + escaped.Length;
            }

            escaped[..slash].CopyTo(destination[written..]);
            written += slash;
            var code = escaped[slash + 1];
            if (code != (byte)'u')
            {
                destination[written++] = code switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => code, // '"', '\\' and '/' stand for themselves
                };
                escaped = escaped[(slash + 2)..];
                continue;
            }

            // Canonical text only escapes control characters this way, but a checked reader may
            // hand over any code point, surrogate pairs included.
            var consumed = 6;
            int codePoint = Hex4(escaped.Slice(slash + 2, 4));
            if (char.IsHighSurrogate((char)codePoint) && escaped.Length >= slash + 12 && escaped[slash + 6] == (byte)'\\')
            {
                codePoint = char.ConvertToUtf32((char)codePoint, (char)Hex4(escaped.Slice(slash + 8, 4)));
                consumed = 12;
            }

            written += new Rune(codePoint).EncodeToUtf8(destination[written..]);
            escaped = escaped[(slash + consumed)..];
        }
    }

    /// <summary>The decoded text of a JSON string body, as a .NET string.</summary>
    public static string GetString(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(escaped);
        }

        var rented = escaped.Length <= 512 ? null : ArrayPool<byte>.Shared.Rent(escaped.Length);
        Span<byte> buffer = rented ?? stackalloc byte[512];
        var length = Unescape(escaped, buffer);
        var text = Encoding.UTF8.GetString(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return text;
    }

    /// <summary>The value of four hex digits, or -1 when any is not a hex digit.</summary>
    internal static int Hex4(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits[..4])
        {
            var nibble = HexValue(digit);
            if (nibble < 0)
            {
                return -1;
            }

            value = (value << 4) | nibble;
        }

        return value;
    }

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        _ => -1,
    };

    private static ReadOnlySpan<byte> EscapeOf(byte b) => b switch
    {
        (byte)'"' => "\\\""u8,
        (byte)'\\' => "\\\\"u8,
        (byte)'\b' => "\\b"u8,
        (byte)'\f' => "\\f"u8,
        (byte)'\n' => "\\n"u8,
        (byte)'\r' => "\\r"u8,
        (byte)'\t' => "\\t"u8,
        _ => ControlEscapes.Slice(b * 6, 6),
    };

    // "\u0000\u0001...\u001F": one six-byte escape per control character, built once.
    private static readonly byte[] ControlEscapesTable = BuildControlEscapes();

    private static ReadOnlySpan<byte> ControlEscapes => ControlEscapesTable;

    private static byte[] BuildControlEscapes()
    {
        var table = new byte[0x20 * 6];
        for (var b = 0; b < 0x20; b++)
        {
            "\\u00"u8.CopyTo(table.AsSpan(b * 6));
            table[(b * 6) + 4] = UpperHex[b >> 4];
            table[(b * 6) + 5] = UpperHex[b & 0xF];
        }

        return table;
    }
}
