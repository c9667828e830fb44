using System.IO.Pipelines;
using System.Text;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A load's chunks are cut by the bytes of their items as well as by their lines: a chunk of large items would otherwise
/// be held whole, and become an event larger than PostgreSQL can store (jsonb stops at 256 MB).
/// </summary>
public sealed class RsfChunkSizeTests
{
    [Fact]
    public async Task A_chunk_holds_at_most_its_share_of_item_bytes_and_the_chunks_hold_every_entry_in_order()
    {
        const int itemBytes = 1024 * 1024;
        var count = (int)(RsfChunks.ChunkBytes * 3 / itemBytes) + 5; // three chunks' worth and some: far fewer lines than a chunk
        var rsf = RsfBuilder.LargeItems(count, itemBytes);

        var chunks = new List<RsfSegment.Chunk>();
        await foreach (var segment in RsfChunks.ReadAsync(PipeReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(rsf.ToString()))), CancellationToken.None))
        {
            chunks.Add(Assert.IsType<RsfSegment.Chunk>(segment));
        }

        Assert.True(chunks.Count >= 4, $"{chunks.Count} chunks");
        Assert.All(chunks, chunk => Assert.True(
            chunk.Items.Sum(item => (long)item.Bytes.Length) - chunk.Items[^1].Bytes.Length < RsfChunks.ChunkBytes,
            $"a chunk of {chunk.Items.Sum(item => (long)item.Bytes.Length):N0} item bytes"));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"k{i}"), chunks.SelectMany(chunk => chunk.Entries).Select(entry => entry.Key));
        Assert.Equal(count, chunks.Sum(chunk => chunk.Items.Count));
    }
}
