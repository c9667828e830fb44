using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Registers;

/// <summary>
/// The register's metadata items (its custodian, title, register record) must have GOV.UK's shapes: an odd one is refused,
/// and one that history holds loads leniently, with a warning, and still leaves the register, the list and the page's reads answering.
/// </summary>
public sealed class OddMetadataTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    private const string Time = "2024-01-01T00:00:00Z";

    [Theory]
    [InlineData("custodian", """{"custodian":["a","b"]}""", "custodian")]
    [InlineData("custodian", """{"name":"no custodian member"}""", "custodian")]
    [InlineData("register-name", """{"extra":"z","register-name":"x"}""", "extra")]
    [InlineData("register:country", """{"fields":"not a list","register":"country"}""", "fields")]
    [InlineData("register:country", """{"fields":["country"],"register":"territory"}""", "register")]
    public async Task An_odd_metadata_item_is_refused_naming_the_member(string key, string item, string member)
    {
        var before = await Server.Client.GetStringAsync("/registers/country/register");

        var appended = await Server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key, log = "system", item = JsonDocument.Parse(item).RootElement } },
        });

        var error = Assert.Single((await appended.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray());
        Assert.Equal(("metadata-shape", member), (error.GetProperty("rule").GetString(), error.GetProperty("field").GetString()));
        Assert.Equal(before, await Server.Client.GetStringAsync("/registers/country/register"));
    }

    [Theory]
    [InlineData("custodian", """{"custodian":["a","b"]}""")]
    [InlineData("custodian", """{"name":"no custodian member"}""")]
    [InlineData("register-name", """{"extra":"z","register-name":["x","y"]}""")]
    [InlineData("register:country", """{"fields":"not a list","register":"country"}""")]
    public async Task An_odd_metadata_item_loaded_as_history_leaves_the_reads_answering(string key, string item)
    {
        var loaded = await Server.Client.LoadAsync("country", new RsfBuilder().System(key, Time, item).ToString(), lenient: true);
        Assert.True(loaded.IsSuccessStatusCode, $"{(int)loaded.StatusCode} {await loaded.Content.ReadAsStringAsync()}");
        var warnings = (await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray();
        Assert.Contains(warnings, warning => warning.GetProperty("rule").GetString() == "metadata-shape");

        foreach (var path in new[] { "/registers/country/register", "/registers", "/registers/country/system/records", $"/registers/country/system/records/{key}", "/registers/country/download-rsf" })
        {
            var response = await Server.Client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
