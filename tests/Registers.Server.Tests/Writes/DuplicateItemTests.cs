using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// An entry lists its items, and citing one twice adds nothing but a second copy of it to the record; no archived GOV.UK
/// register has such an entry (they all load, leniently, in <see cref="RsfLoadTests"/>), so it is refused through either
/// door, a lenient load too, and nothing is written.
/// </summary>
public sealed class DuplicateItemTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    private const string GreatBritain = """{"country":"GB","name":"United Kingdom"}""";
    private const string Britain = """{"country":"GB","name":"Britain"}""";

    [Fact]
    public async Task An_append_citing_an_item_twice_is_a_bad_request_naming_the_entry_and_the_hash()
    {
        var items = new[] { GreatBritain, Britain, GreatBritain }.Select(item => JsonDocument.Parse(item).RootElement).ToArray();

        var response = await Server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new object[] { new { key = "FR", item = new { country = "FR" } }, new { key = "GB", items } },
        });

        var error = (await response.AssertProblemAsync(400, null)).GetProperty("errors")[0].GetString();
        Assert.Contains("entries[1].items[2]", error, StringComparison.Ordinal);
        Assert.Contains(RsfBuilder.HashOf(GreatBritain), error, StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_rsf_load_citing_an_item_twice_is_refused_naming_the_line_and_the_hash(bool lenient)
    {
        var rsf = new RsfBuilder()
            .User("FR", "2024-01-01T00:00:00Z", """{"country":"FR"}""")
            .User("GB", "2024-01-01T00:00:00Z", GreatBritain, Britain, GreatBritain)
            .ToString();

        var response = await Server.Client.LoadAsync("country", rsf, lenient);

        var errors = (await response.AssertProblemAsync(422, null)).GetProperty("errors");
        var error = Assert.Single(errors.EnumerateArray());
        Assert.Equal(("duplicate-item", 5, "GB"), (error.GetProperty("rule").GetString(), error.GetProperty("line").GetInt32(), error.GetProperty("key").GetString()));
        Assert.Contains(RsfBuilder.HashOf(GreatBritain), error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }
}
