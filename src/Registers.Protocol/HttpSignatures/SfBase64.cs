namespace Registers.Protocol.HttpSignatures;

/// <summary>
/// The base64 inside an RFC 8941 byte sequence. The RFC asks parsers not to fail on missing
/// <c>=</c> padding or on non-zero pad bits, so neither is checked; any character outside the
/// base64 alphabet is refused, and so is <c>=</c> anywhere but at the end.
/// </summary>
/// <remarks>
/// Leniency is safe where these bytes are used: a signature or digest is compared as bytes, so two
/// spellings of the same bytes mean the same thing.
/// </remarks>
internal static class SfBase64
{
    internal static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes, out int badIndex)
    {
        bytes = [];
        var data = text.TrimEnd('=');
        badIndex = data.IndexOfAnyExcept(Alphabet);
        if (badIndex < 0 && text.Length - data.Length > 2)
        {
            badIndex = data.Length + 2;
        }

        if (badIndex >= 0)
        {
            return false;
        }

        // A single leftover character holds only 6 bits: no byte can be made of it.
        if (data.Length % 4 == 1)
        {
            badIndex = data.Length - 1;
            return false;
        }

        var padded = new char[(data.Length + 3) / 4 * 4];
        data.CopyTo(padded);
        padded.AsSpan(data.Length).Fill('=');
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(padded, buffer, out var written))
        {
            badIndex = 0;
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
}
