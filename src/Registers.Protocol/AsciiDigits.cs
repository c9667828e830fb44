namespace Registers.Protocol;

/// <summary>Fixed-width ASCII decimal numbers, as dates and times write them.</summary>
internal static class AsciiDigits
{
    /// <summary>Reads the digits of <paramref name="digits"/>; false when it is empty or any byte is not a digit.</summary>
    public static bool TryRead(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return !digits.IsEmpty;
    }

    /// <summary>Writes <paramref name="value"/> with leading zeros to fill <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
