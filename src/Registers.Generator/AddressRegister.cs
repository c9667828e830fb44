using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Generator;

/// <summary>
/// Made-up UK addresses, keyed by a UPRN-like 12-digit number: property, street, town, postcode, and
/// a link to the country register. About one entry in twenty gives an earlier address a house name,
/// so some records have history. Address <c>a</c> is the same in every size that has it.
/// </summary>
public static class AddressRegister
{
    /// <summary>The register's name.</summary>
    public const string Name = "address";

    private const ulong PlanSalt = 0xADD2, HouseNameSalt = 0x4A3E;

    /// <summary>The system entries.</summary>
    public static RegisterMetadata Metadata { get; } = new(Name, "Address", "Made-up UK addresses for the demo: where people live and vehicles are kept.",
    [
        new FieldDefinition(Name, Datatype.String, Cardinality.One, Name, "A unique property reference number (UPRN-like, made up)."),
        new FieldDefinition("property", Datatype.String, Cardinality.One, Text: "The house number or name."),
        new FieldDefinition("street", Datatype.String, Cardinality.One, Text: "The street."),
        new FieldDefinition("town", Datatype.String, Cardinality.One, Text: "The post town."),
        new FieldDefinition("postcode", Datatype.String, Cardinality.One, Text: "The postcode."),
        new FieldDefinition("country", Datatype.Curie, Cardinality.One, "country", "The country, in the country register."),
    ]);

    /// <summary>Writes the register with <paramref name="addresses"/> addresses (and their history) to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, int addresses)
    {
        using var file = new RegisterFile(stream, Metadata, History.Epoch);
        foreach (var entry in History.Plan(PlanSalt, addresses, updatePercent: 5))
        {
            file.Append(World.AddressKey(entry.Record), entry.Timestamp, Item(entry.Record, entry.IsUpdate));
        }

        file.Finish();
    }

    /// <summary>The item of address <paramref name="number"/>, as first recorded or after its one change.</summary>
    private static Item Item(int number, bool named)
    {
        var address = World.AddressOf(number);
        var property = named ? $"{Mix.Pick(HouseNameSalt, number, Names.HouseNames)}, {address.House}" : address.House;
        return RegisterFile.Of(
            (Name, World.AddressKey(number)),
            ("country", "country:GB"),
            ("postcode", address.Postcode),
            ("property", property),
            ("street", address.Street),
            ("town", address.Town));
    }
}
