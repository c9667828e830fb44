using System.Globalization;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Generator;

/// <summary>
/// Made-up vehicles, keyed by registration mark in the current British format without its space
/// (<c>AB51CDE</c>: memory tag, age identifier, three letters), with make, model, colour, date of first
/// registration (which the age identifier agrees with), and the keeper's name and address (a link to the
/// address register). About one entry in ten is a vehicle changing keeper. Vehicle <c>v</c> and its marks
/// are the same in every size that has it; marks never repeat (up to 11,436,980 vehicles).
/// </summary>
public static class VehicleRegister
{
    /// <summary>The register's name.</summary>
    public const string Name = "vehicle";

    /// <summary>The most vehicles the mark scheme numbers without repeating.</summary>
    public const int MaxVehicles = Slots * 20 * SerialCount;

    private const int Slots = 47; // half-years from September 2001 to September 2024
    private const int SerialCount = 23 * 23 * 23;
    private const long Scramble = 1_000_003; // prime, coprime to MaxVehicles: spreads numbers over marks one to one
    private const string SerialLetters = "ABCDEFGHJKLMNOPRSTUVWXY"; // no I, Q or Z
    private const ulong PlanSalt = 0x7E41, CarSalt = 0xCA25, ModelSalt = 0x30DE, ColourSalt = 0xC010, DaySalt = 0xDA75, KeeperSalt = 0x4EE9, BuyerSalt = 0xB0B;
    private static readonly string[] MemoryTags = ["AB", "BD", "CA", "DL", "EA", "FG", "GK", "HJ", "KN", "LA", "LR", "MA", "NA", "OU", "PF", "RX", "SA", "VA", "WR", "YA"];

    /// <summary>The system entries.</summary>
    public static RegisterMetadata Metadata { get; } = new(Name, "Vehicle", "Made-up vehicles for the demo: what they are and who keeps them where.",
    [
        new FieldDefinition(Name, Datatype.String, Cardinality.One, Name, "The registration mark, without spaces."),
        new FieldDefinition("make", Datatype.String, Cardinality.One, Text: "The make."),
        new FieldDefinition("model", Datatype.String, Cardinality.One, Text: "The model."),
        new FieldDefinition("colour", Datatype.String, Cardinality.One, Text: "The main colour."),
        new FieldDefinition("first-registered", Datatype.Datetime, Cardinality.One, Text: "The date the vehicle was first registered."),
        new FieldDefinition("keeper-name", Datatype.String, Cardinality.One, Text: "The registered keeper's name."),
        new FieldDefinition("keeper-address", Datatype.Curie, Cardinality.One, "address", "The registered keeper's address, in the address register."),
    ]);

    /// <summary>Writes the register with <paramref name="vehicles"/> vehicles (and their changes of keeper) to <paramref name="stream"/>; their keepers live in the address register of the same size.</summary>
    public static void Write(Stream stream, int vehicles)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vehicles, MaxVehicles);
        var world = new World(Math.Max(vehicles, 1));
        using var file = new RegisterFile(stream, Metadata, History.Epoch);
        foreach (var entry in History.Plan(PlanSalt, vehicles, updatePercent: 10))
        {
            var keeper = entry.IsUpdate ? Buyer(world, entry.Record) : OriginalKeeper(world, entry.Record);
            file.Append(Mark(entry.Record), entry.Timestamp, Item(entry.Record, keeper));
        }

        file.Finish();
    }

    /// <summary>The registration mark of vehicle <paramref name="number"/> (1 to <see cref="MaxVehicles"/>), e.g. <c>AB51CDE</c>.</summary>
    public static string Mark(int number)
    {
        var (slot, tag, serial) = Split(number);
        var start = FirstMonth(slot);
        var age = start.Month == 9 ? (start.Year % 100) + 50 : start.Year % 100; // March: the year; September: the year + 50
        return string.Create(CultureInfo.InvariantCulture,
            $"{MemoryTags[tag]}{age:00}{SerialLetters[serial / (23 * 23)]}{SerialLetters[serial / 23 % 23]}{SerialLetters[serial % 23]}");
    }

    /// <summary>The person who first kept vehicle <paramref name="number"/>.</summary>
    internal static Person OriginalKeeper(World world, int number) => world.PersonOf(1 + Mix.Below(KeeperSalt, number, world.Size));

    /// <summary>The person who bought vehicle <paramref name="number"/> from its first keeper: someone with another name or address.</summary>
    private static Person Buyer(World world, int number)
    {
        var seller = OriginalKeeper(world, number);
        for (var attempt = 0L; attempt < 64; attempt++)
        {
            if (world.OtherThan(seller.Number, BuyerSalt, (number * 64L) + attempt) is { } buyer && (buyer.Name != seller.Name || buyer.Home != seller.Home))
            {
                return buyer;
            }
        }

        throw new InvalidOperationException($"No one in a world of {world.Size} differs from the keeper of vehicle {number}.");
    }

    private static Item Item(int number, Person keeper)
    {
        var (slot, _, _) = Split(number);
        var (make, models) = Mix.Pick(CarSalt, number, FirstMonth(slot).Year >= 2019 ? Names.RecentCars : Names.Cars);
        return RegisterFile.Of(
            ("colour", Mix.Pick(ColourSalt, number, Names.Colours)),
            ("first-registered", Mix.Date(DaySalt, number, FirstMonth(slot), 180)),
            ("keeper-address", "address:" + World.AddressKey(keeper.Home)),
            ("keeper-name", keeper.Name),
            ("make", make),
            ("model", Mix.Pick(ModelSalt, number, models)),
            (Name, Mark(number)));
    }

    private static (int Slot, int Tag, int Serial) Split(int number)
    {
        var spread = (int)(number * Scramble % MaxVehicles);
        var rest = Math.DivRem(spread, SerialCount, out var serial);
        return (rest / MemoryTags.Length, rest % MemoryTags.Length, serial);
    }

    private static DateOnly FirstMonth(int slot) => new DateOnly(2001, 9, 1).AddMonths(6 * slot);
}
