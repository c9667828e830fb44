using System.Text;
using Registers.Cli.Load;
using Registers.Cli.Tests.Support;
using Registers.Protocol.Entries;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Writes;

/// <summary>
/// A load's batches are cut by their bytes as well as by their entries: a batch is built in memory and sent as one
/// request, and 100,000 entries of large items would make one of gigabytes (past what the server takes, or an array holds).
/// </summary>
public sealed class LoadBatchSizeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_batch_ends_before_its_body_passes_its_share_of_bytes_and_the_batches_hold_every_entry_in_order()
    {
        const int itemBytes = 1024 * 1024;
        var count = (int)(RsfBatcher.MaxBodyBytes / itemBytes) * 2 + 5;
        var rsf = RsfBuilder.LargeItems(count, itemBytes);

        var path = _folder.File("large.rsf", rsf.ToString());
        using var batcher = new RsfBatcher(path, LoadSettings.DefaultBatchSize);
        Assert.Null(await batcher.ResumeAsync(new LogPosition(0, "", 0, ""), compareSystem: false, _ => throw new InvalidOperationException()));
        var batches = new List<RsfBatch>();
        while (batcher.Next() is { } batch)
        {
            batches.Add(batch);
        }

        Assert.Equal(3, batches.Count);
        Assert.All(batches, batch => Assert.True(batch.Body.Length <= RsfBatcher.MaxBodyBytes, $"a batch of {batch.Body.Length:N0} bytes"));
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), batches.SelectMany(batch => Enumerable.Range(0, batch.UserEntries).Select(j => batch.StartUser + j)));
        Assert.Equal(rsf.ToString(), string.Concat(batches.Select(batch => Encoding.UTF8.GetString(batch.Body))));
    }
}
