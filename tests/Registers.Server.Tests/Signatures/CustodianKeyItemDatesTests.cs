using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// The dates of a custodian-key item are what an auditor judges the key's writes by: each is a datetime, and a key does
/// not end before it starts. An entry with other dates is refused through either door, even in a lenient load, and
/// changes nothing: any end-date revokes a key.
/// </summary>
public sealed class CustodianKeyItemDatesTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly CountryWithCustodian _country = new(cluster); // a register of its own for each test: they change its key

    public ValueTask InitializeAsync() => _country.InitializeAsync();

    public ValueTask DisposeAsync() => _country.DisposeAsync();

    [Theory]
    [InlineData("x", "y", "start-date")]
    [InlineData("2023-01-01T00:00:00Z", "yesterday", "end-date")]
    [InlineData("2023-02-30", "2024-01-01T00:00:00Z", "start-date")]
    [InlineData("2024-06-01T00:00:00Z", "2024-01-01T00:00:00Z", "end-date")]
    [InlineData("2024-06", "2024", "end-date")]
    public async Task A_revocation_with_dates_that_are_not_datetimes_in_order_is_refused_through_either_door_and_the_key_still_writes(
        string start, string end, string field)
    {
        var server = _country.Server;
        var key = CustodianKeyEntryTests.KeyEntry(_country.Custodian);
        var revocation = $$"""{"custodian-key":"{{_country.Custodian.VerifierKey}}","end-date":"{{end}}","start-date":"{{start}}"}""";
        var before = await CustodianKeyEntryTests.KeyRecordAsync(server, _country.Custodian);

        var appended = await server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key, log = "system", item = JsonDocument.Parse(revocation).RootElement } },
        });
        var loaded = await server.Client.LoadAsync("country", new RsfBuilder().System(key, "2024-01-01T00:00:00Z", revocation).ToString(), lenient: true);

        var entryError = (await appended.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        Assert.Equal((0, key, "custodian-key-item", field), (entryError.GetProperty("entry").GetInt32(), entryError.GetProperty("key").GetString(),
            entryError.GetProperty("rule").GetString(), entryError.GetProperty("field").GetString()));
        var lineError = (await loaded.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        Assert.Equal((2, "custodian-key-item", field), (lineError.GetProperty("line").GetInt32(), lineError.GetProperty("rule").GetString(), lineError.GetProperty("field").GetString()));
        Assert.Equal(before, await CustodianKeyEntryTests.KeyRecordAsync(server, _country.Custodian));
        using var custodian = server.NewClient(_country.Custodian);
        var written = await custodian.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } });
        Assert.True(written.IsSuccessStatusCode, await written.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_allowance_whose_start_date_is_no_datetime_is_refused()
    {
        using var mallory = SignerKey.Generate("custodian.test/mallory");
        var allowance = $$"""{"custodian-key":"{{mallory.VerifierKey}}","start-date":"soon"}""";

        var appended = await _country.Server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = CustodianKeyEntryTests.KeyEntry(mallory), log = "system", item = JsonDocument.Parse(allowance).RootElement } },
        });

        var error = (await appended.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        Assert.Equal(("custodian-key-item", "start-date"), (error.GetProperty("rule").GetString(), error.GetProperty("field").GetString()));
    }

    [Theory]
    [InlineData("2023", "2024-01-01")]
    [InlineData("2024-01-01T00:00:00Z", "2024-01-01")] // the same instant
    [InlineData("2024-01-02T00:00:00Z", "2024-01-01T24:00:00Z")] // the same instant, said as the end of the day before
    public async Task A_revocation_with_datetimes_ending_no_earlier_than_they_start_is_taken(string start, string end)
    {
        var server = _country.Server;
        var revocation = $$"""{"custodian-key":"{{_country.Custodian.VerifierKey}}","end-date":"{{end}}","start-date":"{{start}}"}""";

        var appended = await server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = CustodianKeyEntryTests.KeyEntry(_country.Custodian), log = "system", item = JsonDocument.Parse(revocation).RootElement } },
        });

        Assert.True(appended.IsSuccessStatusCode, await appended.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_allowed_from_a_later_date_is_revoked_by_the_endpoint_from_that_date_and_never_writes()
    {
        var server = _country.Server;
        using var mallory = SignerKey.Generate("custodian.test/mallory");
        var key = CustodianKeyEntryTests.KeyEntry(mallory);
        var allowance = $$"""{"custodian-key":"{{mallory.VerifierKey}}","start-date":"2999-01-01T00:00:00Z"}""";
        var allowed = await server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key, log = "system", item = JsonDocument.Parse(allowance).RootElement } },
        });
        Assert.True(allowed.IsSuccessStatusCode, await allowed.Content.ReadAsStringAsync());

        var revoke = await server.Client.DeleteAsync($"/registers/country/custodian-keys/{key["custodian-key:".Length..]}");

        Assert.True(revoke.IsSuccessStatusCode, await revoke.Content.ReadAsStringAsync());
        var record = JsonDocument.Parse(await CustodianKeyEntryTests.KeyRecordAsync(server, mallory)).RootElement;
        Assert.Equal("2999-01-01T00:00:00Z", record.GetProperty("item")[0].GetProperty("end-date").GetString());
        using var signed = server.NewClient(mallory);
        var refused = await signed.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
