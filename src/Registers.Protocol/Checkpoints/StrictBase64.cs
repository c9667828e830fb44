namespace Registers.Protocol.Checkpoints;

/// <summary>
/// Standard padded base64 (RFC 4648 section 4) accepted only in its one canonical spelling.
/// </summary>
/// <remarks>
/// <see cref="Convert.TryFromBase64Chars"/> skips white space and ignores non-zero padding bits, so
/// several strings decode to the same bytes. Signed text must have one spelling, or a checkpoint could
/// be re-spelled without breaking anything a reader checks; so the decoded bytes must encode back to
/// exactly the input.
/// </remarks>
internal static class StrictBase64
{
    /// <summary>Decodes non-empty canonical base64; false for anything else, including the empty string.</summary>
    internal static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || text.Length % 4 != 0)
        {
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(text, buffer, out var written)
            || !text.SequenceEqual(Convert.ToBase64String(buffer, 0, written)))
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }
}
