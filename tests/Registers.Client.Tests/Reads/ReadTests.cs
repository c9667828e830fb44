using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Reads;

/// <summary>The typed reads against the real server, streamed across pages where a resource pages.</summary>
public sealed class ReadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Register_entries_history_items_and_a_download_read_as_served_and_check_against_the_signed_checkpoint()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"), ("100002", "York School"));
        await live.AppendAsync(("100002", "York High School"));
        var client = live.Reader();
        var trust = live.Trust();

        var register = await client.GetRegisterAsync(LiveRegister.Name);
        var checkpoint = trust.Verify(LiveRegister.Name, await client.GetCheckpointAsync(LiveRegister.Name, null));
        var entries = await client.GetEntriesAsync(LiveRegister.Name).ToListAsync();
        var history = await client.GetRecordHistoryAsync(LiveRegister.Name, "100002");
        var itemHash = Digest.Parse(history[1].ItemHashes[0]);
        var item = await client.GetItemAsync(LiveRegister.Name, itemHash);
        using var rsf = new MemoryStream();
        await client.DownloadRsfAsync(LiveRegister.Name, 0, checkpoint.Size, rsf);
        rsf.Position = 0;

        Assert.Equal(3, register.TotalEntries);
        Assert.Equal(2, register.TotalRecords);
        Assert.Equal(trust.LogKey.ToString(), register.LogKey);
        Assert.Equal(3, checkpoint.Size);
        Assert.Equal([1L, 2L, 3L], entries.Select(entry => entry.Number));
        var leaves = entries.Select(entry => EntryLeaf.Hash(entry.Number, EntryTimestamp.Parse(entry.Timestamp), entry.Key, [Digest.Parse(entry.ItemHashes[0])])).ToArray();
        Assert.Equal(ChainHash.Fold(ChainHash.Genesis, leaves).ToString(), entries[^1].ChainHash);
        Assert.Equal([2L, 3L], history.Select(entry => entry.Number));
        Assert.Equal(itemHash, Digest.Of(item));
        Assert.Equal(3UL, RsfCopy.Verify(checkpoint, rsf, entries[^1].ChainHash).UserEntries);
    }

    [Fact]
    public async Task Entries_and_records_stream_across_pages()
    {
        await using var live = await LiveRegister.StartAsync(cluster, [.. Enumerable.Range(1, 5_001).Select(n => ($"{200000 + n}", $"School {n}"))]);
        var client = live.Reader();

        var entries = await client.GetEntriesAsync(LiveRegister.Name).CountAsync();
        var records = await client.GetRecordsAsync(LiveRegister.Name, 5_001).Select(record => record.Key).ToListAsync();

        Assert.Equal(5_001, entries);
        Assert.Equal(5_001, records.Count);
        Assert.Equal("200001", records[0]);
        Assert.Equal("205001", records[^1]);
    }

    [Fact]
    public async Task A_history_longer_than_a_page_is_read_whole()
    {
        await using var live = await LiveRegister.StartAsync(cluster, [.. Enumerable.Range(1, 5_001).Select(n => ("200001", $"Name {n}"))]);

        var history = await live.Reader().GetRecordHistoryAsync(LiveRegister.Name, "200001");

        Assert.Equal(5_001, history.Count);
        Assert.Equal(Enumerable.Range(1, 5_001).Select(n => (long)n), history.Select(entry => entry.Number));
    }
}
