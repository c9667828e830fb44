using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// The earliest timestamp an entry can have, 0001-01-01T00:00:00Z, is kept as that instant: the driver's default maps
/// it to PostgreSQL's -infinity, which is no time at all to anyone reading the table.
/// </summary>
public sealed class EarliestTimestampTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Fact]
    public async Task An_entry_of_the_first_second_of_year_1_is_stored_and_read_as_that_second()
    {
        var response = await Server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { new { key = "GB", timestamp = "0001-01-01T00:00:00Z", item = new { country = "GB", name = "GB" } } },
        });
        response.EnsureSuccessStatusCode();

        var entry = (await Server.Client.GetFromJsonAsync<JsonElement>("/registers/country/entries/1"))[0];
        Assert.Equal("0001-01-01T00:00:00Z", entry.GetProperty("entry-timestamp").GetString());
        Assert.Equal("0001-01-01 00:00:00+00", await StoredTimestampAsync());
    }

    private async Task<string?> StoredTimestampAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SET TIME ZONE 'UTC'; SELECT timestamp::text FROM registers.entries WHERE register = 'country' AND log = 0 AND number = 1", connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
