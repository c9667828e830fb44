using System.Text.Json;

namespace Registers.Server.Tests.Support;

/// <summary>A register "thing" (fields thing and note) holding one record, "first", for tests of a server process.</summary>
public static class ThingRegister
{
    /// <summary>Creates the register and its record through <paramref name="client"/>, which signs with the admin key.</summary>
    public static async Task CreateAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/registers", new
        {
            name = "thing",
            custodian = "Test custodian",
            fields = new object[]
            {
                new { field = "thing", datatype = "string", cardinality = "1" },
                new { field = "note", datatype = "string", cardinality = "1" },
            },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var appended = await client.PostAsJsonAsync("/registers/thing/entries", new
        {
            entries = new[] { new { key = "first", item = new Dictionary<string, string> { ["thing"] = "first", ["note"] = "before the load" } } },
        });
        Assert.True(appended.IsSuccessStatusCode, await appended.Content.ReadAsStringAsync());
    }

    /// <summary>The register's size and root, as its latest proof gives them.</summary>
    public static async Task<string> HeadAsync(HttpClient client)
    {
        var proof = await client.GetFromJsonAsync<JsonElement>("/registers/thing/proof/register/merkle:sha-256");
        return $"{proof.GetProperty("total-entries")} {proof.GetProperty("root-hash")}";
    }
}
