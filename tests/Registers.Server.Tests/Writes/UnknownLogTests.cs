using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// An entry's <c>log</c> is <c>user</c> or <c>system</c>. Any other value is the request's mistake (400, naming it), where a
/// custodian was told the entry was a system entry only the admin may write (403), sending them to the admin for nothing.
/// </summary>
public sealed class UnknownLogTests(CountryWithCustodian country) : IClassFixture<CountryWithCustodian>
{
    [Theory]
    [InlineData("users")]
    [InlineData("System")]
    public async Task A_custodians_entry_naming_another_log_is_400_naming_it_and_writes_nothing(string log)
    {
        using var custodian = country.Server.NewClient(country.Custodian);
        var before = await country.Server.Client.UserSizeAsync("country");

        var response = await custodian.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB" }, log } } });

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains($"entries[0].log: '{log}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await country.Server.Client.UserSizeAsync("country"));
    }
}
