namespace Registers.Generator;

/// <summary>A register this project can generate.</summary>
/// <param name="Name">The register's name.</param>
/// <param name="Write">Writes the register of a given size as RSF (the size is ignored by registers whose size is fixed).</param>
/// <param name="ShippedSize">The size shipped in <c>registers-data</c>, or null for registers made only for tests and benchmarks.</param>
/// <param name="SizeMeans">What the size counts, for the usage text.</param>
public sealed record GeneratedRegister(string Name, Action<Stream, int> Write, int? ShippedSize, string SizeMeans);

/// <summary>Every register the generator makes, and the ones the project ships.</summary>
public static class Catalogue
{
    /// <summary>The size of the demo world shipped in <c>registers-data</c>: addresses, people (one licence each) and vehicles.</summary>
    public const int DemoSize = 500;

    /// <summary>All registers, the shipped ones first, each after the registers it links to.</summary>
    public static IReadOnlyList<GeneratedRegister> All { get; } =
    [
        new(CountryRegister.Name, (stream, _) => CountryRegister.Write(stream), 0, "fixed: every ISO 3166-1 code, past and present"),
        new(AddressRegister.Name, AddressRegister.Write, DemoSize, "addresses"),
        new(VehicleRegister.Name, VehicleRegister.Write, DemoSize, "vehicles, kept at the addresses of the address register of the same size"),
        new(VehicleTaxRegister.Name, VehicleTaxRegister.Write, DemoSize, "vehicles of the vehicle register of the same size"),
        new(DrivingLicenceRegister.Name, DrivingLicenceRegister.Write, DemoSize, "people, living at the addresses of the address register of the same size"),
        new(SchoolRegister.Name, SchoolRegister.Write, null, "user entries"),
    ];

    /// <summary>The registers shipped in <c>registers-data</c>.</summary>
    public static IEnumerable<GeneratedRegister> Shipped => All.Where(register => register.ShippedSize is not null);

    /// <summary>The register named <paramref name="name"/>, or null.</summary>
    public static GeneratedRegister? Find(string name) => All.FirstOrDefault(register => register.Name == name);

    /// <summary>Writes the shipped form of <paramref name="register"/> to <paramref name="stream"/>.</summary>
    public static void WriteShipped(GeneratedRegister register, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(register);
        register.Write(stream, register.ShippedSize ?? throw new ArgumentException($"{register.Name} is not shipped.", nameof(register)));
    }

    /// <summary>The <c>registers-data</c> folder of the checkout enclosing <paramref name="start"/> (the folder holding Registers.sln), or null.</summary>
    public static string? FindDataDirectory(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Registers.sln")))
            {
                return Path.Combine(folder.FullName, "registers-data");
            }
        }

        return null;
    }
}
