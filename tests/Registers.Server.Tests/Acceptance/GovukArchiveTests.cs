using System.Text.Json.Nodes;
using Registers.Protocol.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Acceptance;

/// <summary>Every register GOV.UK archived in March 2021, loaded from its RSF into one server.</summary>
public sealed class GovukArchive(PostgresCluster cluster) : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    /// <summary>The archived registers, by name (none when the test data is absent).</summary>
    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var file in GovukFiles.All().Select(row => row.Data).Where(file => file != GovukFiles.CountryFixture))
        {
            names.Add(GovukFiles.RegisterOf(file));
        }

        return names;
    }

    public async ValueTask InitializeAsync()
    {
        Server = await RunningServer.StartAsync(cluster);
        if (!TestData.IsPresent)
        {
            return;
        }

        foreach (var name in Names().Select(row => row.Data))
        {
            // GOV.UK's history breaks some of its own rules (repeats, stray spaces): it loads as history.
            var response = await Server.Client.LoadFileAsync(name, GovukFiles.PathOf($"archive-2021/{name}/{name}.rsf"), lenient: true);
            Assert.True(response.IsSuccessStatusCode, $"{name}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public sealed class GovukArchiveTests(GovukArchive archive) : IClassFixture<GovukArchive>
{
    private readonly HttpClient _client = archive.Server.Client;

    [Theory]
    [MemberData(nameof(GovukArchive.Names), MemberType = typeof(GovukArchive))]
    public async Task Records_json_with_page_size_5000_equals_what_govuk_served(string register)
    {
        var archived = JsonNode.Parse(await File.ReadAllTextAsync(TestData.PathOf("govuk", "archive-2021", register, "records.json")));

        var served = JsonNode.Parse(await _client.GetStringAsync($"/registers/{register}/records.json?page-size=5000"));

        Assert.Equal(
            archived!.AsObject().Select(record => record.Key).Order(StringComparer.Ordinal),
            served!.AsObject().Select(record => record.Key).Order(StringComparer.Ordinal));
        foreach (var (key, record) in archived.AsObject())
        {
            Assert.Equal(JsonCompare.Normalised(record), JsonCompare.Normalised(served[key]));
        }
    }

    [Theory]
    [MemberData(nameof(GovukArchive.Names), MemberType = typeof(GovukArchive))]
    public async Task A_govuk_client_syncing_part_then_the_rest_reproduces_the_register(string register)
    {
        _ = TestData.Folder; // skips when the test data is absent
        var size = (await _client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/registers/{register}/register")).GetProperty("total-entries").GetInt64();
        var mirror = new GovukMirror();

        mirror.Apply(await _client.GetStringAsync($"/registers/{register}/download-rsf/0/{size / 2}"));
        mirror.Apply(await _client.GetStringAsync($"/registers/{register}/download-rsf/{mirror.Size}"));

        var archived = JsonNode.Parse(await File.ReadAllTextAsync(TestData.PathOf("govuk", "archive-2021", register, "records.json")));
        Assert.Equal(size, mirror.Size);
        Assert.Equal(JsonCompare.Normalised(archived), JsonCompare.Normalised(mirror.Records()));
        Assert.Equal(await Downloads.RsfDownloadTests.SystemEntriesAsync(_client, register), mirror.System);
        Assert.Equal(ArchivedSystemEntries(register), mirror.System);
    }

    /// <summary>The system entries of the archived RSF file, as <c>key TAB timestamp TAB hashes</c>.</summary>
    private static List<string> ArchivedSystemEntries(string register) =>
        [.. File.ReadLines(TestData.PathOf("govuk", "archive-2021", register, $"{register}.rsf"))
            .Where(line => line.StartsWith("append-entry\tsystem\t", StringComparison.Ordinal))
            .Select(line => string.Join('\t', line.Split('\t')[2..]))];
}
