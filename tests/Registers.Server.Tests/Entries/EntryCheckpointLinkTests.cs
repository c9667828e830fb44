using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Entries;

/// <summary>
/// An entry links to the checkpoint signed at the end of the write that appended it: the first that covers it, the
/// same whichever page or log size it is read at, so its links stay cacheable.
/// </summary>
public sealed class EntryCheckpointLinkTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Fact]
    public async Task Each_entry_links_to_the_checkpoint_of_its_own_write_on_every_page_and_alone()
    {
        foreach (var (size, write) in new[] { 1, 3, 2, 1, 4 }.Select((size, write) => (size, write)))
        {
            var entries = Enumerable.Range(0, size).Select(i => new { key = $"K{size}{i}", item = new { country = $"K{size}{i}", name = $"write {write}" } });
            (await Server.Client.PostAsJsonAsync("/registers/country/entries", new { entries })).EnsureSuccessStatusCode();
        }

        long[] expected = [1, 4, 4, 4, 6, 6, 7, 11, 11, 11, 11];
        Assert.Equal(expected, await CheckpointsAsync("/registers/country/entries"));
        Assert.Equal(expected[2..5], await CheckpointsAsync("/registers/country/entries?start=3&limit=3"));
        Assert.Equal(expected[7..], await CheckpointsAsync("/registers/country/entries?start=8&limit=100"));
        foreach (var number in new[] { 1, 5, 7, 8, 11 })
        {
            Assert.Equal(new[] { expected[number - 1] }, await CheckpointsAsync($"/registers/country/entries/{number}"));
        }

        Assert.Equal(new[] { 4L }, await CheckpointsAsync("/registers/country/records/K30/entries"));
        Assert.Equal(new[] { 6L }, await CheckpointsAsync("/registers/country/records/K20/entries"));
    }

    private async Task<long[]> CheckpointsAsync(string path) =>
        (await Server.Client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray()
            .Select(entry => long.Parse(entry.GetProperty("links").GetProperty("checkpoint").GetString()!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
}
