using System.Globalization;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// An entry's timestamp says when the entry was made, so one dated after the server's clock is not a fact: it is refused
/// whatever door it comes through, however leniently, beyond a small allowance for a writer's clock running ahead.
/// </summary>
public sealed class FutureTimestampTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_appended_entry_dated_after_the_servers_clock_is_refused_naming_the_entry_and_the_rule()
    {
        await using var server = await CountryServerAsync();

        var response = await server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new[] { Entry("GB", "2024-01-01T00:00:00Z"), Entry("FR", FromNow(TimeSpan.FromHours(1))) },
        });

        var problem = await response.AssertProblemAsync(422, null);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((1, "FR", "future-timestamp"), (error.GetProperty("entry").GetInt32(), error.GetProperty("key").GetString(), error.GetProperty("rule").GetString()));
        Assert.Contains("entry 1, key 'FR'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await UserSizeAsync(server));
    }

    [Fact]
    public async Task An_rsf_line_dated_after_the_servers_clock_refuses_the_load_naming_its_line_even_loaded_as_history()
    {
        await using var server = await CountryServerAsync();
        var rsf = new RsfBuilder()
            .User("GB", "2024-01-01T00:00:00Z", """{"country":"GB","name":"GB"}""")
            .User("FR", FromNow(TimeSpan.FromDays(400)), """{"country":"FR","name":"FR"}""")
            .ToString();

        var strict = await server.Client.LoadAsync("country", rsf);
        var lenient = await server.Client.LoadAsync("country", rsf, lenient: true);

        foreach (var response in new[] { strict, lenient })
        {
            var error = Assert.Single((await response.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray());
            Assert.Equal((4, "FR", "future-timestamp"), (error.GetProperty("line").GetInt32(), error.GetProperty("key").GetString(), error.GetProperty("rule").GetString()));
        }

        Assert.Equal(0, await UserSizeAsync(server));
    }

    [Fact]
    public async Task A_load_creating_a_register_from_system_entries_dated_after_the_servers_clock_creates_nothing()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var rsf = new RsfBuilder().System("name", FromNow(TimeSpan.FromHours(2)), """{"name":"later"}""").ToString();

        var response = await server.Client.LoadAsync("later", rsf);

        var error = Assert.Single((await response.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "future-timestamp"), (error.GetProperty("line").GetInt32(), error.GetProperty("rule").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/later/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task A_timestamp_a_little_ahead_of_the_servers_clock_is_taken_as_clock_skew()
    {
        await using var server = await CountryServerAsync();

        var response = await server.Client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { Entry("GB", FromNow(TimeSpan.FromMinutes(2))) } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_clock_skew_allowed_is_a_setting()
    {
        await using var server = await CountryServerAsync(new Dictionary<string, string?> { ["Registers:FutureTimestampTolerance"] = "00:00:00" });

        var response = await server.Client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { Entry("GB", FromNow(TimeSpan.FromMinutes(2))) } });

        var error = Assert.Single((await response.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray());
        Assert.Equal("future-timestamp", error.GetProperty("rule").GetString());
    }

    private async Task<RunningServer> CountryServerAsync(IDictionary<string, string?>? settings = null)
    {
        var server = await RunningServer.StartAsync(cluster, settings);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        return server;
    }

    private static object Entry(string code, string timestamp) => new { key = code, timestamp, item = new { country = code, name = code } };

    private static string FromNow(TimeSpan ahead) =>
        DateTimeOffset.UtcNow.Add(ahead).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<long> UserSizeAsync(RunningServer server) =>
        (await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
}
