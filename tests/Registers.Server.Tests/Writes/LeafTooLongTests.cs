using System.Net.Http.Json;
using System.Text.Json;
using Registers.Protocol.Entries;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A C2SP entry bundle gives each leaf a 16-bit length, so an entry whose leaf could pass 65,535 bytes is refused,
/// even as history: once stored, its bundle could never be served.
/// </summary>
public sealed class LeafTooLongTests(PostgresCluster cluster)
{
    private static readonly int LongestKey = EntryLeaf.MaxBundledLength - (int)EntryLeaf.GetLongestLength("", 1);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_entry_whose_leaf_could_pass_what_a_bundle_holds_is_refused(bool lenient)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var rsf = new RsfText();
        rsf.Header();
        var key = new string('k', LongestKey + 1);
        rsf.Entry("user", key, rsf.Item($$"""{"name":"long","pipeline":"{{key}}"}"""));

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
        var key = new string('k', LongestKey);
        rsf.Entry("user", key, rsf.Item($$"""{"name":"long","pipeline":"{{key}}"}"""));
        var load = await server.Client.LoadAsync("pipeline", rsf.ToString());
        Assert.True(load.IsSuccessStatusCode, await load.Content.ReadAsStringAsync());

        var bundle = await server.Client.GetAsync("/registers/pipeline/tile/entries/000.p/1");

        Assert.True(bundle.IsSuccessStatusCode, await bundle.Content.ReadAsStringAsync());
        var bytes = await bundle.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length - 2, (bytes[0] << 8) | bytes[1]);
    }
}
