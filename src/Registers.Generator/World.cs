using System.Globalization;

namespace Registers.Generator;

/// <summary>A made-up person: name, date of birth and the address they live at.</summary>
internal sealed record Person(int Number, string First, string? Middle, string Surname, bool Female, DateOnly Born, int Home)
{
    public string Name => Middle is null ? $"{First} {Surname}" : $"{First} {Middle} {Surname}";
}

/// <summary>A made-up address, one of a street of <see cref="World.HousesPerStreet"/> houses.</summary>
internal sealed record Address(int Number, string House, string Street, string Town, string Postcode);

/// <summary>
/// The made-up world the demo registers describe, for a given size: that many addresses and that many
/// people, each living at one of the addresses. Everything about address <c>a</c> or person <c>p</c> is a pure
/// function of the number and the size, so the registers that link to one another agree when they are
/// generated with the same size, whatever the size.
/// </summary>
internal sealed class World(int size)
{
    /// <summary>Houses on each made-up street.</summary>
    public const int HousesPerStreet = 24;

    private const ulong TownSalt = 0x7A11, StreetSalt = 0x57EE, KindSalt = 0x4B1D, DistrictSalt = 0xD157, InwardSalt = 0x1A7D,
        SexSalt = 0x5E55, FirstSalt = 0xF125, MiddleSalt = 0x41DD, SurnameSalt = 0x5A4E, BornSalt = 0xB042, HomeSalt = 0x4043;

    // Letters the inward part of a postcode uses (never C I K M O V).
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    /// <summary>How many addresses and how many people there are.</summary>
    public int Size { get; } = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "A world has at least one address.");

    /// <summary>The key of address <paramref name="number"/> in the address register: a UPRN-like 12-digit number.</summary>
    public static string AddressKey(int number) => (100_000_000_000L + number).ToString(CultureInfo.InvariantCulture);

    /// <summary>Address <paramref name="number"/> (1 to <see cref="Size"/>) as first recorded.</summary>
    public static Address AddressOf(int number)
    {
        var street = (number - 1) / HousesPerStreet;
        var house = 1 + ((number - 1) % HousesPerStreet);
        var (town, area) = Mix.Pick(TownSalt, street, Names.Towns);
        var district = 1 + Mix.Below(DistrictSalt, street, 20);
        var part = (street * 4L) + (house / 7); // neighbours share a postcode, as in life
        var inward = $"{Mix.Below(InwardSalt, part, 10)}{InwardLetters[Mix.Below(InwardSalt + 1, part, InwardLetters.Length)]}{InwardLetters[Mix.Below(InwardSalt + 2, part, InwardLetters.Length)]}";
        return new Address(
            number,
            house.ToString(CultureInfo.InvariantCulture),
            $"{Mix.Pick(StreetSalt, street, Names.StreetNames)} {Mix.Pick(KindSalt, street, Names.StreetKinds)}",
            town,
            $"{area}{district} {inward}");
    }

    /// <summary>Person <paramref name="number"/> (1 to <see cref="Size"/>).</summary>
    public Person PersonOf(int number)
    {
        var female = Mix.Below(SexSalt, number, 2) == 0;
        var firsts = female ? Names.FemaleFirst : Names.MaleFirst;
        var middle = Mix.Below(MiddleSalt, number, 3) == 0 ? Mix.Pick(MiddleSalt + 1, number, firsts) : null;
        return new Person(
            number,
            Mix.Pick(FirstSalt, number, firsts),
            middle,
            Mix.Pick(SurnameSalt, number, Names.Surnames),
            female,
            DateOnly.Parse(Mix.Date(BornSalt, number, new DateOnly(1940, 1, 1), 65 * 365), CultureInfo.InvariantCulture),
            1 + Mix.Below(HomeSalt, number, Size));
    }

    /// <summary>Someone other than person <paramref name="number"/> (a buyer, say), or null in a world of one.</summary>
    public Person? OtherThan(int number, ulong salt, long index)
    {
        if (Size < 2)
        {
            return null;
        }

        var other = 1 + ((number + Mix.Below(salt, index, Size - 1)) % Size);
        return PersonOf(other);
    }
}
