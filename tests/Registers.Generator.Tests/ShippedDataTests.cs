using Registers.Generator.Tests.Support;
using Registers.Protocol.Rsf;

namespace Registers.Generator.Tests;

/// <summary>registers-data and the generator cannot drift apart, and what is shipped is what the READMEs say.</summary>
public sealed class ShippedDataTests
{
    public static TheoryData<string> Shipped => [.. Catalogue.Shipped.Select(register => register.Name)];

    [Fact]
    public void Registers_data_holds_exactly_the_registers_the_generator_ships()
    {
        Assert.Equal(Catalogue.Shipped.Select(register => register.Name).Order(StringComparer.Ordinal), ShippedData.Registers);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void The_committed_file_is_what_the_generator_writes_byte_for_byte(string name)
    {
        using var generated = new MemoryStream();
        Catalogue.WriteShipped(Catalogue.Find(name)!, generated);

        var committed = File.ReadAllBytes(ShippedData.RsfOf(name));
        Assert.True(committed.AsSpan().SequenceEqual(generated.ToArray()),
            $"registers-data/{name}/{name}.rsf differs from what the generator writes: run `dotnet run --project src/Registers.Generator -- shipped` and update the README roots.");
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void The_committed_file_replays_cleanly_to_the_root_both_READMEs_state(string name)
    {
        using var file = File.OpenRead(ShippedData.RsfOf(name));
        var result = RsfVerifier.Verify(file);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(ShippedData.ReadmeRoot(name), result.UserRoot.ToString());
        Assert.Equal(ShippedData.ReadmeRoot(name), ShippedData.TableRoot(name));
    }

    [Fact]
    public void Every_link_in_a_shipped_record_names_a_record_of_a_shipped_register()
    {
        var registers = ShippedData.Registers.Select(name => RegisterContents.Read(ShippedData.RsfOf(name))).ToList();

        Assert.Empty(RegisterContents.BrokenLinks(registers));
    }

    [Fact]
    public void Some_shipped_records_have_history()
    {
        foreach (var name in ShippedData.Registers)
        {
            var register = RegisterContents.Read(ShippedData.RsfOf(name));
            Assert.True(register.EntriesPerKey.Values.Count(count => count > 1) >= 10, $"{name} has fewer than ten records with history");
        }
    }
}
