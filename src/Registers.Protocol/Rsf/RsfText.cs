using System.Buffers;
using System.Text;

namespace Registers.Protocol.Rsf;

/// <summary>Shows bytes from a file in a message: quoted, control characters and invalid UTF-8 escaped, long values cut.</summary>
internal static class RsfText
{
    private const int MaxShown = 40;

    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("'");
        var shown = bytes.Length > MaxShown ? bytes[..MaxShown] : bytes;
        while (!shown.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(shown, out var rune, out var consumed) != OperationStatus.Done)
            {
                text.Append($"\\x{shown[0]:X2}");
                consumed = 1;
            }
            else if (Rune.IsControl(rune))
            {
                text.Append($"\\u{rune.Value:X4}");
            }
            else
            {
                text.Append(rune.ToString());
            }

            shown = shown[consumed..];
        }

        text.Append(bytes.Length > MaxShown ? "'..." : "'");
        return text.ToString();
    }
}
