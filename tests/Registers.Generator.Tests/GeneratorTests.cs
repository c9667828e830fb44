using System.Globalization;
using System.Security.Cryptography;
using Registers.Generator.Tests.Support;
using Registers.Protocol.Rsf;

namespace Registers.Generator.Tests;

/// <summary>The generators at sizes other than the shipped ones: deterministic, valid, consistent with one another.</summary>
public sealed class GeneratorTests
{
    [Theory]
    [InlineData("address", 3_000)]
    [InlineData("vehicle", 3_000)]
    [InlineData("vehicle-tax", 3_000)]
    [InlineData("driving-licence", 3_000)]
    public void The_same_size_always_gives_the_same_bytes(string name, int size)
    {
        Assert.Equal(Hash(name, size), Hash(name, size));
        Assert.NotEqual(Hash(name, size), Hash(name, size + 1));
    }

    [Fact]
    public void A_large_vehicle_register_is_valid_has_one_record_per_vehicle_and_asserts_its_root_as_it_goes()
    {
        using var rsf = Generate("vehicle", 95_000);
        var result = RsfVerifier.Verify(rsf);
        rsf.Position = 0;
        var vehicles = RegisterContents.Read(rsf);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal(95_000, vehicles.Records.Count);
        rsf.Position = 0;
        Assert.Equal(3, new StreamReader(rsf).ReadToEnd().Split('\n').Count(line => line.StartsWith("assert-root-hash\t", StringComparison.Ordinal)));
    }

    [Fact]
    public void Registers_of_the_same_size_link_only_to_records_that_exist()
    {
        var registers = Catalogue.Shipped.Select(register =>
        {
            using var rsf = Generate(register.Name, 2_345);
            return RegisterContents.Read(rsf);
        }).ToList();

        Assert.Empty(RegisterContents.BrokenLinks(registers));
        Assert.Equal(2_345, registers.Single(register => register.Name == "address").Records.Count);
        Assert.Equal(2_345, registers.Single(register => register.Name == "driving-licence").Records.Count);
    }

    [Fact]
    public void Registration_marks_follow_the_current_british_format_and_agree_with_the_date_of_first_registration()
    {
        using var rsf = Generate("vehicle", 5_000);
        foreach (var (mark, item) in RegisterContents.Read(rsf).Records)
        {
            Assert.Matches("^[A-Z]{2}[0-9]{2}[A-HJ-PR-Y]{3}$", mark);
            var registered = DateOnly.ParseExact(RegisterContents.Values(item)["first-registered"][0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var age = int.Parse(mark[2..4], CultureInfo.InvariantCulture);
            var periodStart = age >= 50 ? new DateOnly(2000 + age - 50, 9, 1) : new DateOnly(2000 + age, 3, 1);
            Assert.InRange(registered, periodStart, periodStart.AddMonths(6).AddDays(-1));
        }
    }

    [Fact]
    public void Licence_numbers_follow_the_british_layout_and_encode_the_holder()
    {
        using var rsf = Generate("driving-licence", 2_000);
        foreach (var (number, item) in RegisterContents.Read(rsf).Records)
        {
            var values = RegisterContents.Values(item);
            Assert.Matches("^[A-Z9]{5}[0-9][0156][0-9]{4}[A-Z][A-Z9][0-9][A-Z]{2}$", number);
            var surname = values["holder-name"][0].Split(' ')[^1].ToUpperInvariant().Replace("'", "", StringComparison.Ordinal);
            Assert.StartsWith(surname.PadRight(5, '9')[..5], number, StringComparison.Ordinal);
            Assert.Equal(values["holder-name"][0][0], number[11]);
        }
    }

    private static MemoryStream Generate(string name, int size)
    {
        var rsf = new MemoryStream();
        Catalogue.Find(name)!.Write(rsf, size);
        rsf.Position = 0;
        return rsf;
    }

    private static string Hash(string name, int size)
    {
        using var rsf = Generate(name, size);
        return Convert.ToHexString(SHA256.HashData(rsf));
    }
}
