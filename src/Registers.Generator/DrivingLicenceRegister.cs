using System.Globalization;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Generator;

/// <summary>
/// A made-up driving licence for every person of the demo world, keyed by a 16-character number in the
/// British layout (surname, date of birth, initials, a digit, two letters), with the holder's name, address
/// (a link to the address register) and the categories of vehicle they may drive. About one entry in ten
/// is a holder passing a test for another category.
/// </summary>
public static class DrivingLicenceRegister
{
    /// <summary>The register's name.</summary>
    public const string Name = "driving-licence";

    private const ulong PlanSalt = 0xD41C, KindSalt = 0x4C1D, CheckSalt = 0xC4EC;
    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    private static readonly string[][] Kinds =
    [
        ["AM", "B", "F", "K"], ["AM", "B", "F", "K"], ["AM", "B", "F", "K"], ["AM", "B", "F", "K"], ["AM", "B", "F", "K"],
        ["AM", "B", "F", "K"], ["AM", "B", "F", "K"], ["A", "AM", "B", "F", "K"], ["AM", "B", "BE", "C1", "D1", "F", "K"], ["AM", "B", "C", "CE", "F", "K"],
    ];

    /// <summary>The system entries.</summary>
    public static RegisterMetadata Metadata { get; } = new(Name, "Driving licence", "Made-up driving licences for the demo: who may drive what, and where they live.",
    [
        new FieldDefinition(Name, Datatype.String, Cardinality.One, Name, "The licence number."),
        new FieldDefinition("holder-name", Datatype.String, Cardinality.One, Text: "The holder's name."),
        new FieldDefinition("holder-address", Datatype.Curie, Cardinality.One, "address", "The holder's address, in the address register."),
        new FieldDefinition("categories", Datatype.String, Cardinality.Many, Text: "The categories of vehicle the holder may drive."),
    ]);

    /// <summary>Writes the licences of the <paramref name="people"/> people of a world of that size to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, int people)
    {
        var world = new World(Math.Max(people, 1));
        var numbers = new Dictionary<int, string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        using var file = new RegisterFile(stream, Metadata, History.Epoch);
        foreach (var entry in History.Plan(PlanSalt, people, updatePercent: 10))
        {
            var holder = world.PersonOf(entry.Record);
            if (!numbers.TryGetValue(entry.Record, out var number))
            {
                number = LicenceNumber(holder, taken);
                numbers[entry.Record] = number;
            }

            var categories = Kinds[Mix.Below(KindSalt, entry.Record, Kinds.Length)];
            if (entry.IsUpdate)
            {
                categories = [.. categories.Append(categories.Contains("A") ? "BE" : "A").Distinct().Order(StringComparer.Ordinal)];
            }

            file.Append(number, entry.Timestamp, RegisterFile.Of(
                ("categories", categories),
                (Name, number),
                ("holder-address", "address:" + World.AddressKey(holder.Home)),
                ("holder-name", holder.Name)));
        }

        file.Finish();
    }

    /// <summary>
    /// The licence number of <paramref name="holder"/>: five letters of the surname (padded with 9), the decade
    /// digit, month (plus 50 for women), day and year digit of birth, two initials (9 for none), a digit that
    /// counts down from 9 for holders who would otherwise share a number, and two made-up check letters.
    /// </summary>
    private static string LicenceNumber(Person holder, HashSet<string> taken)
    {
        var surname = new string([.. holder.Surname.ToUpperInvariant().Where(char.IsAsciiLetter)]).PadRight(5, '9')[..5];
        var born = holder.Born;
        var month = born.Month + (holder.Female ? 50 : 0);
        var initials = $"{holder.First[0]}{holder.Middle?[0] ?? '9'}";
        var check = $"{Letters[Mix.Below(CheckSalt, holder.Number, Letters.Length)]}{Letters[Mix.Below(CheckSalt + 1, holder.Number, Letters.Length)]}";
        for (var digit = 9; digit >= 0; digit--)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"{surname}{born.Year / 10 % 10}{month:00}{born.Day:00}{born.Year % 10}{initials}{digit}{check}");
            if (taken.Add(number))
            {
                return number;
            }
        }

        throw new InvalidOperationException($"Eleven people share the licence number of person {holder.Number}.");
    }
}
