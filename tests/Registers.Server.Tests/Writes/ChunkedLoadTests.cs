using System.Text;
using System.Text.Json;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Rsf;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A load is appended chunk by chunk, each chunk decided while the one before it is still being written: what a chunk
/// needs from the chunk before it (items, records, field definitions) must be there all the same.
/// </summary>
public sealed class ChunkedLoadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_entry_relies_on_the_item_and_the_field_the_chunk_before_it_added()
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.FillTo(RsfChunks.ChunkSize * 2 - 4);
        var late = rsf.Item("""{"extra":"yes","name":"late","pipeline":"late"}""");
        rsf.Entry("system", "field:extra", rsf.Item("""{"cardinality":"1","datatype":"string","field":"extra","text":"Added late."}"""));
        var other = rsf.Item("""{"name":"other","pipeline":"other"}""");
        Assert.Equal(RsfChunks.ChunkSize * 2, rsf.Lines); // the last line of the second chunk
        rsf.Entry("user", "late", late);               // the first lines of the third
        rsf.Entry("user", "other", other);
        rsf.FillTo(RsfChunks.ChunkSize * 3 + 500);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString());

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        var replay = rsf.Replay();
        Assert.Equal(replay.Root(EntryLog.User).ToString(), user.GetProperty("root").GetString());
        Assert.Equal((long)replay.Entries(EntryLog.User), user.GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task An_entry_that_repeats_what_the_chunk_before_it_gave_its_key_is_refused_on_its_line()
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.FillTo(RsfChunks.ChunkSize - 2);
        var item = rsf.Item("""{"name":"twice","pipeline":"twice"}""");
        rsf.Entry("user", "twice", item);
        Assert.Equal(RsfChunks.ChunkSize, rsf.Lines);
        rsf.Entry("user", "twice", item);
        rsf.FillTo(RsfChunks.ChunkSize * 2 + 100);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal(("repeat", RsfChunks.ChunkSize + 1L), (error.GetProperty("rule").GetString(), error.GetProperty("line").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/pipeline/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task Items_added_again_after_a_flushed_chunk_the_chunk_in_flight_and_in_their_own_chunk_are_accepted_and_served()
    {
        // The first chunk holds the definitions, so it is flushed before the second is decided; the second is still
        // being written when the third is decided.
        var rsf = new RsfText();
        rsf.Header();
        var early = rsf.Item("""{"name":"early","pipeline":"early"}""");
        rsf.Entry("user", "early", early);
        rsf.FillTo(RsfChunks.ChunkSize);
        var middle = rsf.Item("""{"name":"middle","pipeline":"middle"}""");
        rsf.Entry("user", "middle", middle);
        rsf.FillTo(RsfChunks.ChunkSize * 2);
        rsf.Entry("user", "early", rsf.Item("""{"name":"moved","pipeline":"early"}"""));
        rsf.Entry("user", "early", rsf.Item(early));
        rsf.Entry("user", "middle", rsf.Item("""{"name":"moved","pipeline":"middle"}"""));
        rsf.Item(middle);
        rsf.Entry("user", "middle", rsf.Item(middle));
        rsf.FillTo(RsfChunks.ChunkSize * 3 + 500);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString());

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal(rsf.Replay().Root(EntryLog.User).ToString(), user.GetProperty("root").GetString());
        foreach (var item in new[] { early, middle })
        {
            var stored = await server.Client.GetStringAsync($"/registers/pipeline/items/{Digest.Of(Encoding.UTF8.GetBytes(item))}");
            Assert.Equal(item, stored);
        }
    }
}
