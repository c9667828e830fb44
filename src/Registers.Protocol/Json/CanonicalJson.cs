using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Registers.Protocol.Json;

/// <summary>
/// Checks that bytes are a canonical GOV.UK v1 item, exactly as they must be hashed: a JSON object
/// (RFC 8259) with no insignificant whitespace, keys that are attribute names (<c>[a-z][a-z0-9-]*</c>)
/// in strictly increasing byte order (so no duplicates), values that are non-empty strings or
/// non-empty arrays of non-empty strings, and strings escaped the one canonical way: <c>"</c> and <c>\</c>
/// with a backslash, <c>\b \f \n \r \t</c> in short form, other control characters as <c>\u00XX</c> with
/// upper-case hex, and everything else, <c>/</c> and all non-ASCII included, written literally.
/// </summary>
/// <remarks>
/// <para>Sort order: keys compare as UTF-8 bytes, which is Unicode code-point order. Because v1 keys are
/// restricted to lower-case ASCII letters, digits and hyphens, this is also UTF-16 order (what Jackson's
/// sorted maps gave openregister-java), so every order anyone could mean agrees on every valid item.</para>
/// <para>Value types: the v1 item type is <c>Dict Name String</c> (specification item-def), the REST API
/// says all attribute values MUST be JSON strings, and the 52 GOV.UK RSF files hold only strings and
/// arrays of strings (cardinality n). Numbers, booleans, null and nested objects are refused: they have
/// no agreed canonical spelling (1 or 1.0?), so admitting them would make item hashes depend on the writer.</para>
/// <para>Upper-case hex: the specification's item-def says "Unicode sequences \uXXXX MUST be in upper-case",
/// and Jackson, which openregister-java used to canonicalise, writes upper case. No GOV.UK item needed such
/// an escape (the 52 RSF files use only <c>\n</c>, <c>\r</c> and <c>\"</c>), so nothing in the data disagrees.</para>
/// <para>Empty strings and arrays: v1 gives them the same meaning as an absent attribute (rest-api,
/// serialisation), so the canonical form omits them (and the JSON canonicaliser drops them).</para>
/// <para>The check is a single forward pass over the bytes with no allocation; UTF-8 is validated first,
/// vectorised, by <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/>.</para>
/// </remarks>
public static class CanonicalJson
{
    /// <summary>Whether <paramref name="utf8Json"/> is a canonical v1 item; when not, the first reason and where.</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json, out CanonicalJsonError error)
    {
        if (!Utf8.IsValid(utf8Json))
        {
            error = new CanonicalJsonError(CanonicalJsonErrorKind.InvalidUtf8, FirstInvalidUtf8(utf8Json));
            return false;
        }

        var scanner = new CanonicalJsonScanner(utf8Json);
        return scanner.ScanItem(out error);
    }

    /// <summary>Whether <paramref name="utf8Json"/> is a canonical v1 item.</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json) => IsCanonical(utf8Json, out _);

    /// <summary>Whether <paramref name="name"/> is a v1 attribute name: <c>[a-z][a-z0-9-]*</c>.</summary>
    public static bool IsAttributeName(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && char.IsAsciiLetterLower((char)name[0]) && !name[1..].ContainsAnyExcept(AttributeNameBytes);

    /// <inheritdoc cref="IsAttributeName(ReadOnlySpan{byte})"/>
    public static bool IsAttributeName(ReadOnlySpan<char> name) =>
        !name.IsEmpty && char.IsAsciiLetterLower(name[0]) && !name[1..].ContainsAnyExcept(AttributeNameChars);

    internal static readonly SearchValues<byte> AttributeNameBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-"u8);

    private static readonly SearchValues<char> AttributeNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>The offset of the first byte that does not start a well-formed UTF-8 sequence (the length when all are well formed).</summary>
    internal static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var position = 0;
        while (position < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[position..], out _, out var consumed) != OperationStatus.Done)
            {
                return position;
            }

            position += consumed;
        }

        return position;
    }
}
