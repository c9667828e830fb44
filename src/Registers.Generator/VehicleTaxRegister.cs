using System.Globalization;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Generator;

/// <summary>
/// The tax of each made-up vehicle, keyed like the vehicle register (one record per vehicle) and linking to
/// it: taxed until a due date, untaxed since one, or declared off the road (SORN). About one entry in ten is
/// a vehicle being taxed again for another year.
/// </summary>
public static class VehicleTaxRegister
{
    /// <summary>The register's name.</summary>
    public const string Name = "vehicle-tax";

    private const ulong PlanSalt = 0x7A8E, StatusSalt = 0x57A7, MonthSalt = 0x307E;

    /// <summary>The system entries.</summary>
    public static RegisterMetadata Metadata { get; } = new(Name, "Vehicle tax", "Made-up vehicle tax for the demo: whether each vehicle is taxed, and until when.",
    [
        new FieldDefinition(Name, Datatype.String, Cardinality.One, Name, "The vehicle's registration mark: one record per vehicle."),
        new FieldDefinition("vehicle", Datatype.Curie, Cardinality.One, "vehicle", "The vehicle, in the vehicle register."),
        new FieldDefinition("tax-status", Datatype.String, Cardinality.One, Text: "taxed, untaxed, or sorn (declared off the road)."),
        new FieldDefinition("tax-due-date", Datatype.Datetime, Cardinality.One, Text: "The date the tax runs out (or ran out); none when declared off the road."),
    ]);

    /// <summary>Writes the tax of <paramref name="vehicles"/> vehicles (the vehicle register of the same size) to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, int vehicles)
    {
        using var file = new RegisterFile(stream, Metadata, History.Epoch);
        foreach (var entry in History.Plan(PlanSalt, vehicles, updatePercent: 10))
        {
            var (status, due) = Status(entry.Record);
            if (entry.IsUpdate)
            {
                // Taxed for another year: from the due date if there is one, else from a month of 2025.
                status = "taxed";
                due = (due ?? new DateOnly(2024, 1 + Mix.Below(MonthSalt + 1, entry.Record, 12), 1)).AddYears(1);
            }

            var mark = VehicleRegister.Mark(entry.Record);
            file.Append(mark, entry.Timestamp, RegisterFile.Of(
                ("tax-due-date", due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("tax-status", status),
                ("vehicle", "vehicle:" + mark),
                (Name, mark)));
        }

        file.Finish();
    }

    /// <summary>Vehicle <paramref name="number"/>'s tax as first recorded: one in ten declared off the road, one in ten untaxed since 2024, the rest taxed until 2025.</summary>
    private static (string Status, DateOnly? Due) Status(int number)
    {
        var month = 1 + Mix.Below(MonthSalt, number, 12);
        return Mix.Below(StatusSalt, number, 10) switch
        {
            0 => ("sorn", null),
            1 => ("untaxed", new DateOnly(2024, month, 1)),
            _ => ("taxed", new DateOnly(2025, month, 1)),
        };
    }
}
