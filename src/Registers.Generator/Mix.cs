namespace Registers.Generator;

/// <summary>
/// Deterministic choices: each is a pure function of a salt (which choice) and an index (for what),
/// so any record of any size can be made on its own, in any order, always the same.
/// </summary>
internal static class Mix
{
    /// <summary>SplitMix64 of the salt and index: 64 well-mixed bits.</summary>
    public static ulong Hash(ulong salt, long index)
    {
        var z = salt + ((ulong)index * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in <c>[0, count)</c>.</summary>
    public static int Below(ulong salt, long index, int count) => (int)(Hash(salt, index) % (ulong)count);

    /// <summary>One of <paramref name="choices"/>.</summary>
    public static T Pick<T>(ulong salt, long index, IReadOnlyList<T> choices) => choices[Below(salt, index, choices.Count)];

    /// <summary>A date <paramref name="days"/> or fewer days after <paramref name="first"/>, written <c>yyyy-MM-dd</c>.</summary>
    public static string Date(ulong salt, long index, DateOnly first, int days) =>
        first.AddDays(Below(salt, index, days + 1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
