using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Registers;

/// <summary>
/// The register's metadata items (its custodian, title, register record) are the admin's to write and are not checked
/// for shape: an odd one, such as history may hold, still leaves the register, the list and the page's reads answering.
/// </summary>
public sealed class OddMetadataTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Theory]
    [InlineData("custodian", """{"custodian":["a","b"]}""")]
    [InlineData("custodian", """{"name":"no custodian member"}""")]
    [InlineData("register-name", """{"register-name":["x","y"],"extra":"z"}""")]
    [InlineData("register:country", """{"fields":"not a list","register":"country"}""")]
    public async Task An_odd_metadata_item_leaves_the_reads_answering(string key, string item)
    {
        var appended = await Server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key, log = "system", item = JsonDocument.Parse(item).RootElement } },
        });
        Assert.True(appended.IsSuccessStatusCode, $"{(int)appended.StatusCode} {await appended.Content.ReadAsStringAsync()}");

        foreach (var path in new[] { "/registers/country/register", "/registers", "/registers/country/system/records", $"/registers/country/system/records/{key}", "/registers/country/download-rsf" })
        {
            var response = await Server.Client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
