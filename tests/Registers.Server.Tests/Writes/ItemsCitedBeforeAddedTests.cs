using System.Text.Json;
using Registers.Protocol.Entries;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// An RSF entry may cite only an item the register holds by its line: one the file adds before it, or one stored before
/// the load. An item the file adds only after the entry does not count, wherever the load's chunks fall.
/// </summary>
public sealed class ItemsCitedBeforeAddedTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_entry_citing_an_item_that_its_chunk_adds_only_later_is_refused_on_its_line(bool citedAgainAfterTheAdd)
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.FillTo(100);
        const string Late = """{"name":"late","pipeline":"late"}""";
        rsf.Entry("user", "late", Late);
        var citing = rsf.Lines;
        rsf.FillTo(200);
        rsf.Item(Late);
        if (citedAgainAfterTheAdd)
        {
            rsf.Entry("user", "late", rsf.Item("""{"name":"between","pipeline":"late"}"""));
            rsf.Entry("user", "late", Late);
        }

        rsf.FillTo(300);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString());

        await AssertRefusedAt(server, response, citing);
    }

    [Fact]
    public async Task An_entry_citing_an_item_that_a_later_chunk_adds_is_refused_on_its_line()
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.FillTo(RsfChunks.ChunkSize - 10);
        const string Late = """{"name":"late","pipeline":"late"}""";
        rsf.Entry("user", "late", Late);
        var citing = rsf.Lines;
        rsf.FillTo(RsfChunks.ChunkSize + 10);
        rsf.Entry("user", "late", rsf.Item(Late));
        rsf.FillTo(RsfChunks.ChunkSize + 100);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString());

        await AssertRefusedAt(server, response, citing);
    }

    [Fact]
    public async Task Items_stored_by_a_flushed_chunk_or_the_chunk_in_flight_may_be_cited_before_the_file_adds_them_again()
    {
        // The first chunk holds the definitions, so it is flushed before the second is decided; the second is still
        // being written when the third is decided. GOV.UK's own archives add an item again after citing it.
        var rsf = new RsfText();
        rsf.Header();
        const string Early = """{"name":"early","pipeline":"early"}""";
        const string Middle = """{"name":"middle","pipeline":"middle"}""";
        rsf.Entry("user", "early", rsf.Item(Early));
        rsf.FillTo(RsfChunks.ChunkSize);
        rsf.Entry("user", "middle", rsf.Item(Middle));
        rsf.FillTo(RsfChunks.ChunkSize * 2);
        var movedEarly = rsf.Item("""{"name":"moved","pipeline":"early"}""");
        var movedMiddle = rsf.Item("""{"name":"moved","pipeline":"middle"}""");
        foreach (var (key, item, moved) in new[] { ("early", Early, movedEarly), ("middle", Middle, movedMiddle) })
        {
            rsf.Entry("user", key, moved);
            rsf.Entry("user", key, item);
            rsf.Item(item);
            rsf.Entry("user", key, moved);
            rsf.Entry("user", key, item); // cited after it is added again, or the add would be an orphan
        }

        rsf.FillTo(RsfChunks.ChunkSize * 2 + 500);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString());

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal(rsf.Replay().Root(EntryLog.User).ToString(), user.GetProperty("root").GetString());
    }

    [Fact]
    public async Task An_item_an_earlier_load_stored_may_be_cited_before_the_file_adds_it_again()
    {
        var first = new RsfText();
        first.Header();
        const string Kept = """{"name":"kept","pipeline":"kept"}""";
        first.Entry("user", "kept", first.Item(Kept));
        await using var server = await RunningServer.StartAsync(cluster);
        var loaded = await server.Client.LoadAsync("pipeline", first.ToString());
        Assert.True(loaded.IsSuccessStatusCode, await loaded.Content.ReadAsStringAsync());
        var second = new RsfText("again");
        var changed = second.Item("""{"name":"changed","pipeline":"kept"}""");
        second.Entry("user", "kept", changed);
        second.Entry("user", "kept", Kept);
        second.Item(Kept);
        second.Entry("user", "kept", changed);
        second.Entry("user", "kept", Kept);
        second.FillTo(50);

        var response = await server.Client.LoadAsync("pipeline", second.ToString());

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var record = await server.Client.GetFromJsonAsync<JsonElement>("/registers/pipeline/records/kept");
        Assert.Equal("kept", record.GetProperty("kept").GetProperty("item")[0].GetProperty("name").GetString());
    }

    private static async Task AssertRefusedAt(RunningServer server, HttpResponseMessage response, long citing)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(error => (error.GetProperty("line").GetInt64(), error.GetProperty("rule").GetString())).ToList();
        Assert.Equal((citing, "unknown-item"), errors[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/pipeline/checkpoint")).StatusCode);
    }
}
