using System.Net.Http.Json;
using System.Text.Json;
using Registers.Protocol.Entries;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A C2SP entry bundle gives each leaf a 16-bit length, so an entry whose leaf could pass 65,535 bytes is refused,
/// even as history: once stored, its bundle could never be served. With the longest key, that takes some 850 items.
/// </summary>
public sealed class LeafTooLongTests(PostgresCluster cluster)
{
    private static readonly string LongestKey = new('k', Server.Writes.BatchDecider.MaxKeyLength);

    /// <summary>The most items an entry of the longest key can cite and still fit a bundle.</summary>
    private static readonly int MostItems = Enumerable.Range(1, 1_000).Last(count => EntryLeaf.GetLongestLength(LongestKey, count) <= EntryLeaf.MaxBundledLength);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_entry_whose_leaf_could_pass_what_a_bundle_holds_is_refused(bool lenient)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var rsf = new RsfText();
        rsf.Header();
        rsf.Entry("user", LongestKey, ItemsOf(rsf, MostItems + 1));

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString(), lenient);

        var errors = (await response.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray();
        Assert.Contains(errors, error => error.GetProperty("rule").GetString() == "leaf-too-long" && error.GetProperty("line").GetInt64() == rsf.Lines);
    }

    [Fact]
    public async Task The_longest_leaf_a_bundle_holds_is_written_and_served_in_its_bundle()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var rsf = new RsfText();
        rsf.Header();
        rsf.Entry("user", LongestKey, ItemsOf(rsf, MostItems));
        var load = await server.Client.LoadAsync("pipeline", rsf.ToString());
        Assert.True(load.IsSuccessStatusCode, await load.Content.ReadAsStringAsync());

        var bundle = await server.Client.GetAsync("/registers/pipeline/tile/entries/000.p/1");

        Assert.True(bundle.IsSuccessStatusCode, await bundle.Content.ReadAsStringAsync());
        var bytes = await bundle.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length - 2, (bytes[0] << 8) | bytes[1]);
    }

    private static List<string> ItemsOf(RsfText rsf, int count) =>
        [.. Enumerable.Range(0, count).Select(i => rsf.Item($$"""{"name":"n{{i}}","pipeline":"{{LongestKey}}"}"""))];
}
