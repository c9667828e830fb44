using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Records;

/// <summary>
/// GOV.UK gave a record's history whole, and its clients read no <c>Link</c> header: unasked, a history comes in one page
/// of up to 5,000 entries, not 100. Asked for pages, it is paged.
/// </summary>
public sealed class RecordHistoryTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_history_longer_than_a_page_of_records_comes_whole_unless_pages_are_asked_for()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(server, "thing");
        var rsf = new RsfBuilder();
        for (var i = 1; i <= 120; i++)
        {
            rsf.User("K", $"2024-01-01T00:{i / 60:00}:{i % 60:00}Z", $"{{\"name\":\"version {i}\",\"thing\":\"K\"}}");
        }

        (await server.Client.LoadAsync("thing", rsf.ToString())).EnsureSuccessStatusCode();

        var whole = await server.Client.GetAsync("/registers/thing/records/K/entries");
        Assert.Equal(120, (await whole.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.False(whole.Headers.Contains("Link"));

        var paged = await server.Client.GetAsync("/registers/thing/records/K/entries?page-size=100");
        Assert.Equal(100, (await paged.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.Equal("</registers/thing/records/K/entries?page-index=2&page-size=100>; rel=\"next\"", paged.Headers.GetValues("Link").Single());
    }
}
