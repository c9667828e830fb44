using System.Globalization;
using System.Text.Json;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Records;

/// <summary>
/// A filter reads the records citing the items that hold its value when fewer than <see cref="ServerOptions.FilterItemsFirst"/>
/// items do, and the records in key order otherwise: the same answers either way, whatever the limit.
/// </summary>
public sealed class FilterPathTests(PostgresCluster cluster)
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

    // 0: always in key order; 1: the items first only for a value no item holds; 3: the items first for the rarer
    // values here (gold, S3), in key order for the rest; 1,000: always the items first.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public async Task Every_filter_answers_the_same_records_whichever_way_it_reads(int itemsFirst)
    {
        await using var server = await StartAsync(itemsFirst);

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
    [InlineData(1000)]
    public async Task A_filter_page_past_its_last_record_and_a_size_not_reached_are_problems_whichever_way_it_reads(int itemsFirst)
    {
        await using var server = await StartAsync(itemsFirst);

        var past = await server.Client.GetAsync("/registers/shop/records/name/Alpha?page-size=2&page-index=3");
        var later = await server.Client.GetAsync("/registers/shop/records/name/Alpha?as-of=9");

        Assert.Equal("No such page", (await past.AssertProblemAsync(404, null)).GetProperty("title").GetString());
        Assert.Equal("No such tree size", (await later.AssertProblemAsync(404, null)).GetProperty("title").GetString());
    }

    private async Task<RunningServer> StartAsync(int itemsFirst)
    {
        var server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?> { [ServerOptions.Setting(nameof(ServerOptions.FilterItemsFirst))] = itemsFirst.ToString(CultureInfo.InvariantCulture) });
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
