using System.Globalization;

namespace Registers.Cli;

/// <summary>A count with the noun it counts, in the singular for one: "1 entry", "2,500 entries", "0 rows".</summary>
internal static class Counted
{
    /// <summary><paramref name="count"/>, with thousands separators, and <paramref name="one"/> when it is 1, else <paramref name="many"/>.</summary>
    public static string Of(long count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many)}");

    /// <summary>As <see cref="Of(long, string, string)"/>, for a noun whose plural adds an "s".</summary>
    public static string Of(long count, string noun) => Of(count, noun, noun + "s");
}
