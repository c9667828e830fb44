using System.Buffers;
using System.Text;
using Registers.Protocol.Entries;

namespace Registers.Protocol.Fields.Formats;

/// <summary>
/// URL (specification url-datatype: a WHATWG absolute-URL string) and CURIE (curie-datatype:
/// <c>prefix ":" [reference]</c>, the prefix <c>[a-z][a-z0-9_-]*</c> naming a register and the reference
/// a path-relative, scheme-less URL string). Both refuse whitespace and control characters anywhere,
/// since no URL string contains them and GOV.UK's data shows they creep in from spreadsheets.
/// </summary>
internal static class UrlAndCurieFormats
{
    // Bytes that cannot appear in a URL string: C0 controls, space, DEL, and the ASCII that is neither a
    // URL code point nor '%': " < > \ ^ ` { | }.
    private static readonly SearchValues<byte> NotInUrl = SearchValues.Create(
        [.. Enumerable.Range(0, 0x21).Select(b => (byte)b), 0x7F, .. "\"<>\\^`{|}"u8.ToArray()]);

    private static readonly SearchValues<byte> PrefixBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-"u8);

    private static readonly SearchValues<byte> SchemeBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."u8);

    /// <summary>Null when <paramref name="value"/> is an absolute URL; otherwise why not.</summary>
    public static string? CheckUrl(ReadOnlySpan<byte> value)
    {
        var colon = value.IndexOf((byte)':');
        if (colon < 1 || !char.IsAsciiLetter((char)value[0])
            || value[1..colon].ContainsAnyExcept(SchemeBytes))
        {
            return "an absolute URL starts with a scheme such as https:";
        }

        if (value.ContainsAny(NotInUrl))
        {
            return "URLs contain no spaces, control characters or \" < > \\ ^ ` { | }";
        }

        // System.Uri also refuses web schemes without an authority ("https:example.org").
        return Uri.TryCreate(Encoding.UTF8.GetString(value), UriKind.Absolute, out _) ? null : "not an absolute URL";
    }

    /// <summary>Null when <paramref name="value"/> is a CURIE with a prefix; otherwise why not.</summary>
    public static string? CheckCurie(ReadOnlySpan<byte> value)
    {
        var colon = value.IndexOf((byte)':');
        if (colon < 0)
        {
            return "a CURIE is prefix:reference";
        }

        var prefix = value[..colon];
        if (prefix.IsEmpty || !char.IsAsciiLetterLower((char)prefix[0]) || prefix.ContainsAnyExcept(PrefixBytes))
        {
            return "a CURIE prefix is [a-z][a-z0-9_-]*";
        }

        return CheckReference(value[(colon + 1)..]);
    }

    /// <summary>The prefix of a CURIE that <see cref="CheckCurie"/> accepted.</summary>
    public static ReadOnlySpan<byte> PrefixOf(ReadOnlySpan<byte> curie) => curie[..curie.IndexOf((byte)':')];

    /// <summary>
    /// Null when <paramref name="value"/>, with no prefix, is a key of the register the field names
    /// (the datatype register: "relative values link to the register identified ... in the field register").
    /// </summary>
    public static string? CheckRelativeCurie(ReadOnlySpan<byte> value)
    {
        Span<char> chars = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        if (!Ascii.IsValid(value))
        {
            return "a CURIE without a prefix must be a key of the linked register";
        }

        Ascii.ToUtf16(value, chars, out _);
        return EntryKey.IsValid(EntryLog.User, chars) ? null : "a CURIE without a prefix must be a key of the linked register";
    }

    private static string? CheckReference(ReadOnlySpan<byte> reference)
    {
        if (reference.ContainsAny(NotInUrl))
        {
            return "a CURIE reference contains no spaces, control characters or \" < > \\ ^ ` { | }";
        }

        // A reference is path-relative: it cannot itself start a new authority.
        if (reference.StartsWith("//"u8))
        {
            return "a CURIE reference cannot start with //";
        }

        for (var percent = reference.IndexOf((byte)'%'); percent >= 0; percent = NextPercent(reference, percent))
        {
            if (percent + 2 >= reference.Length || !char.IsAsciiHexDigit((char)reference[percent + 1]) || !char.IsAsciiHexDigit((char)reference[percent + 2]))
            {
                return "'%' must start a percent-encoded byte (%2F)";
            }
        }

        return null;
    }

    private static int NextPercent(ReadOnlySpan<byte> text, int previous)
    {
        var next = text[(previous + 1)..].IndexOf((byte)'%');
        return next < 0 ? -1 : previous + 1 + next;
    }
}
