using System.Globalization;
using Registers.Generator;
using Registers.Protocol.Rsf;

// Writes generated registers as RSF. Usage is printed by PrintUsage below.
if (args is ["shipped", ..] && args.Length <= 2)
{
    var directory = args.Length == 2 ? args[1] : Catalogue.FindDataDirectory(Directory.GetCurrentDirectory());
    if (directory is null)
    {
        Console.Error.WriteLine("Not in a checkout: name the registers-data folder to write into.");
        return 2;
    }

    foreach (var register in Catalogue.Shipped)
    {
        var path = Path.Combine(directory, register.Name, register.Name + ".rsf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.Create(path))
        {
            Catalogue.WriteShipped(register, file);
        }

        Describe(register.Name, path);
    }

    return 0;
}

if (args.Length is >= 1 and <= 3 && Catalogue.Find(args[0]) is { } chosen)
{
    var size = 0;
    if (args.Length >= 2 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
    {
        Console.Error.WriteLine($"The size must be a whole number above 0, not '{args[1]}'.");
        return 2;
    }

    size = args.Length >= 2 ? size : chosen.ShippedSize ?? 1000;
    if (args.Length == 3)
    {
        using (var file = File.Create(args[2]))
        {
            chosen.Write(file, size);
        }

        Describe(chosen.Name, args[2]);
        return 0;
    }

    using var output = Console.OpenStandardOutput();
    chosen.Write(output, size);
    return 0;
}

PrintUsage();
return 2;

static void Describe(string name, string path)
{
    using var file = File.OpenRead(path);
    var result = RsfVerifier.Verify(file);
    Console.WriteLine($"{name}: {result.UserEntries} user entries, {result.SystemEntries} system entries, root {result.UserRoot}, {(result.IsValid ? "verified" : $"{result.ErrorCount} ERRORS")} -> {path}");
}

static void PrintUsage()
{
    Console.Error.WriteLine("""
        Usage:
          dotnet run --project src/Registers.Generator -- shipped [DIRECTORY]
              writes every register the project ships into registers-data/ (or DIRECTORY) at its shipped size
          dotnet run --project src/Registers.Generator -- REGISTER [SIZE] [FILE]
              writes one register as RSF to FILE, or to standard output; the same size always gives the same bytes

        Registers and what SIZE counts:
        """);
    foreach (var register in Catalogue.All)
    {
        Console.Error.WriteLine($"  {register.Name,-16} {register.SizeMeans}{(register.ShippedSize is > 0 ? $" (shipped: {register.ShippedSize})" : "")}");
    }
}
