using System.Globalization;
using System.Text.Json;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Records;

/// <summary>
/// A filter reads the records citing the items that hold its value when fewer than <see cref="ServerOptions.FilterItemsFirst"/>
/// items do, and the records in key order otherwise; records as of a size up to <see cref="ServerOptions.AsOfEntriesFirst"/>
/// are read from the entries up to it, and from today's records otherwise: the same answers every way, whatever the limits.
/// </summary>
public sealed class RecordReadPathTests(PostgresCluster cluster)
{
    private static readonly (string Path, string[] Keys)[] Filters =
    [
        ("name/Alpha", ["S4", "S6", "S7"]), // S1 held it and no longer does; S7 in the second of its items
        ("name/Alpha?as-of=5", ["S1", "S4"]),
        ("name/Alpha?as-of=7", ["S4", "S6"]),
        ("tags/red", ["S4", "S6"]), // a list field: one of its values
        ("tags/red?as-of=5", ["S1", "S4"]),
        ("tags/gold", ["S7"]),
        ("tags/blue", ["S2", "S5"]),
        ("tags/green", ["S1", "S3", "S5"]),
        ("shop/S3", ["S3"]), // the key field
        ("shop/S7?as-of=7", []),
        ("name/Omega?as-of=5", []),
        ("name/Nobody", []),
        ("name/Alpha?page-size=2", ["S4", "S6"]),
        ("name/Alpha?page-size=2&page-index=2", ["S7"]),
        ("tags/blue?page-size=1&page-index=2&as-of=5", ["S2"]),
    ];

    private static readonly (string Path, string[] Records)[] Lists =
    [
        ("?as-of=0", []),
        ("?as-of=1", ["S1@1"]),
        ("?as-of=5", ["S1@1", "S2@2", "S3@3", "S4@4", "S5@5"]),
        ("?as-of=6", ["S1@6", "S2@2", "S3@3", "S4@4", "S5@5"]),
        ("?as-of=7&page-size=2&page-index=3", ["S5@5", "S6@7"]),
        ("?as-of=8&page-size=3&page-index=3", ["S7@8"]),
    ];

    // Items first at 0: never; at 1: only for a value no item holds; at 3: for the rarer values here (gold, S3); at
    // 1,000: always. Entries first at 0: never; at 6: up to the first write and one entry more; at 100: always.
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3, 6)]
    [InlineData(1000, 100)]
    public async Task Every_filter_answers_the_same_records_whichever_way_it_reads(int itemsFirst, int asOfEntriesFirst)
    {
        await using var server = await StartAsync(itemsFirst, asOfEntriesFirst);

        foreach (var (path, keys) in Filters)
        {
            var response = await server.Client.GetAsync("/registers/shop/records/" + path);

            Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
            var found = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Select(record => record.Name);
            Assert.Equal($"{path}: {string.Join(' ', keys)}", $"{path}: {string.Join(' ', found)}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(100)]
    public async Task Records_as_of_a_size_are_the_same_whichever_way_they_are_read(int asOfEntriesFirst)
    {
        await using var server = await StartAsync(5000, asOfEntriesFirst);

        foreach (var (path, records) in Lists)
        {
            var response = await server.Client.GetAsync("/registers/shop/records" + path);

            Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
            var found = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject()
                .Select(record => $"{record.Name}@{record.Value.GetProperty("entry-number").GetString()}");
            Assert.Equal($"{path}: {string.Join(' ', records)}", $"{path}: {string.Join(' ', found)}");
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1000, 100)]
    public async Task A_filter_page_past_its_last_record_and_a_size_not_reached_are_problems_whichever_way_it_reads(int itemsFirst, int asOfEntriesFirst)
    {
        await using var server = await StartAsync(itemsFirst, asOfEntriesFirst);

        var past = await server.Client.GetAsync("/registers/shop/records/name/Alpha?page-size=2&page-index=3");
        var later = await server.Client.GetAsync("/registers/shop/records/name/Alpha?as-of=9");

        Assert.Equal("No such page", (await past.AssertProblemAsync(404, null)).GetProperty("title").GetString());
        Assert.Equal("No such tree size", (await later.AssertProblemAsync(404, null)).GetProperty("title").GetString());
    }

    private async Task<RunningServer> StartAsync(int itemsFirst, int asOfEntriesFirst)
    {
        var server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?>
        {
            [ServerOptions.Setting(nameof(ServerOptions.FilterItemsFirst))] = itemsFirst.ToString(CultureInfo.InvariantCulture),
            [ServerOptions.Setting(nameof(ServerOptions.AsOfEntriesFirst))] = asOfEntriesFirst.ToString(CultureInfo.InvariantCulture),
        });
        (await server.Client.PostAsJsonAsync("/registers", Definition)).EnsureSuccessStatusCode();
        await AppendAsync(server,
            Entry("S1", Shop("S1", "Alpha", "red", "blue")),
            Entry("S2", Shop("S2", "Beta", "blue")),
            Entry("S3", Shop("S3", "Gamma", "green")),
            Entry("S4", Shop("S4", "Alpha", "red")),
            Entry("S5", Shop("S5", "Delta", "blue", "green")));
        await AppendAsync(server,
            Entry("S1", Shop("S1", "Omega", "green")),
            Entry("S6", Shop("S6", "Alpha", "red")),
            Entry("S7", Shop("S7", "Zeta"), Shop("S7", "Alpha", "gold")));
        return server;
    }

    private static readonly object Definition = new
    {
        name = "shop",
        title = "Shop",
        custodian = "Jane Doe",
        description = "Test register shop",
        fields = new object[]
        {
            new { field = "shop", datatype = "string", cardinality = "1", register = "shop", text = "The key" },
            new { field = "name", datatype = "string", cardinality = "1", text = "The name" },
            new { field = "tags", datatype = "string", cardinality = "n", text = "Its tags" },
        },
    };

    private static object Entry(string key, params object[] items) => new { key, items };

    private static Dictionary<string, object> Shop(string key, string name, params string[] tags)
    {
        var item = new Dictionary<string, object> { ["shop"] = key, ["name"] = name };
        if (tags.Length > 0)
        {
            item["tags"] = tags;
        }

        return item;
    }

    private static async Task AppendAsync(RunningServer server, params object[] entries) =>
        (await server.Client.PostAsJsonAsync("/registers/shop/entries", new { entries })).EnsureSuccessStatusCode();
}
