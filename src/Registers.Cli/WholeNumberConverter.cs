using System.ComponentModel;
using System.Globalization;
using System.Numerics;

namespace Registers.Cli;

/// <summary>A value given for a count that is no whole number, said plainly.</summary>
internal sealed class NotAWholeNumberException(string value) : FormatException($"'{value}' is not a whole number")
{
}

/// <summary>
/// Reads a count given on the command line (<c>--batch-size</c>, <c>--max-problems</c>). Spectre's own converter says
/// "Failed to convert '99999999999' to Int32"; here a number too large for one is taken as the largest, so that the
/// option's own check names the range it allows, and anything else is a <see cref="NotAWholeNumberException"/>.
/// </summary>
internal sealed class WholeNumberConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        var text = value as string ?? value.ToString() ?? "";
        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? (int)BigInteger.Clamp(number, int.MinValue, int.MaxValue)
            : throw new NotAWholeNumberException(text);
    }
}
