using System.Text.Json;
using System.Text.Json.Nodes;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Downloads;

public sealed class RsfDownloadTests(SampleRegister sample, PostgresCluster cluster) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/download-rsf", "full.rsf")]
    [InlineData("/registers/country/download-rsf/5", "from-5.rsf")]
    [InlineData("/registers/country/download-rsf/2/6", "range-2-6.rsf")]
    [InlineData("/registers/country/download-rsf/8/8", "range-8-8.rsf")]
    public Task Rsf_downloads_have_govuks_shape_with_the_metadata_of_their_range(string path, string golden) =>
        Golden.MatchesAsync(_client, path, "Downloads/" + golden);

    [Fact]
    public async Task A_fixed_range_is_immutable_and_a_range_to_now_is_tied_to_the_size()
    {
        var fixedRange = await _client.GetAsync("/registers/country/download-rsf/2/6");
        var toNow = await _client.GetAsync("/registers/country/download-rsf/2");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/registers/country/download-rsf/2/6");
        again.Headers.IfNoneMatch.Add(fixedRange.Headers.ETag!);

        Assert.Equal("application/uk-gov-rsf", fixedRange.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", fixedRange.Headers.CacheControl?.ToString());
        Assert.Equal("public, no-cache", toNow.Headers.CacheControl?.ToString());
        Assert.Equal("\"rsf-2-8\"", toNow.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task A_client_syncing_from_any_size_gets_every_entry_and_every_metadata_entry_once()
    {
        var records = await _client.GetFromJsonAsync<JsonNode>("/registers/country/records.json");
        var system = await SystemEntriesAsync(_client, "country");
        for (var split = 0; split <= 8; split++)
        {
            var mirror = new GovukMirror();
            mirror.Apply(await _client.GetStringAsync($"/registers/country/download-rsf/0/{split}"));
            mirror.Apply(await _client.GetStringAsync($"/registers/country/download-rsf/{mirror.Size}"));

            Assert.Equal(JsonCompare.Normalised(records), JsonCompare.Normalised(mirror.Records()));

            // The metadata written after the last user entry (a new text for 'name') waits for the next one.
            Assert.Equal(system.Take(10), mirror.System);
        }
    }

    [Fact]
    public async Task Metadata_written_after_the_last_entry_travels_with_the_next_entry()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registers-key-" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await SampleRegister.StartAsync(cluster, folder);
        foreach (var write in new[] { SampleRegister.Write1, SampleRegister.Write2, SampleRegister.Write3 })
        {
            (await server.Client.LoadAsync("country", write)).EnsureSuccessStatusCode();
        }

        var mirror = new GovukMirror();
        mirror.Apply(await server.Client.GetStringAsync("/registers/country/download-rsf"));
        Assert.Equal(10, mirror.System.Count);

        (await server.Client.LoadAsync("country", new RsfBuilder().User("FR", "2020-01-01T00:00:00Z", """{"country":"FR","name":"France"}""").ToString())).EnsureSuccessStatusCode();
        var patch = await server.Client.GetStringAsync("/registers/country/download-rsf/8");
        mirror.Apply(patch);

        Assert.Equal(await SystemEntriesAsync(server.Client, "country"), mirror.System);
        Assert.True(patch.IndexOf("append-entry\tsystem\tfield:name", StringComparison.Ordinal) < patch.IndexOf("append-entry\tuser\tFR", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("/registers/country/download-rsf/9", 404, null)]
    [InlineData("/registers/country/download-rsf/2/9", 404, null)]
    [InlineData("/registers/country/download-rsf/5/3", 400, "total-entries-2")]
    [InlineData("/registers/country/download-rsf/x", 400, "total-entries-1")]
    [InlineData("/registers/nowhere/download-rsf", 404, null)]
    public async Task Bad_ranges_are_problems(string path, int status, string? parameter)
    {
        await (await _client.GetAsync(path)).AssertProblemAsync(status, parameter);
    }

    [Fact]
    public async Task Head_of_a_download_names_it_without_reading_it()
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, "/registers/country/download-rsf");
        var response = await _client.SendAsync(head);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"country-0-8.rsf\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The system log as the server lists it.</summary>
    internal static async Task<List<string>> SystemEntriesAsync(HttpClient client, string register)
    {
        var entries = await client.GetFromJsonAsync<JsonElement>($"/registers/{register}/system/entries?limit=5000");
        return [.. entries.EnumerateArray().Select(entry => string.Join('\t',
            entry.GetProperty("key").GetString(),
            entry.GetProperty("entry-timestamp").GetString(),
            string.Join(';', entry.GetProperty("item-hash").EnumerateArray().Select(hash => hash.GetString()))))];
    }
}
