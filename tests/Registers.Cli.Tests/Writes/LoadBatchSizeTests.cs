using System.Text;
using Registers.Cli.Load;
using Registers.Cli.Tests.Support;
using Registers.Protocol.Entries;
using Registers.Protocol.Rsf;
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
        Assert.Null(await batcher.ResumeAsync(new LogPosition(0, "", 0, ""), compareSystem: false, _ => throw new InvalidOperationException(), new Progress<RsfProgress>(), TestContext.Current.CancellationToken));
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

    [Fact]
    public async Task A_run_of_system_entries_stays_in_one_batch_unless_it_passes_the_share_of_bytes()
    {
        const int noteBytes = 1024 * 1024;
        var rsf = new RsfBuilder().User("k0", "2024-01-01T00:00:00Z", """{"thing":"k0"}""");
        var runs = (int)(RsfBatcher.MaxBodyBytes / noteBytes) + 10;
        for (var i = 0; i < runs; i++)
        {
            rsf.System($"note-{i}", "2024-01-01T00:00:00Z", $$"""{"note":"{{i}}{{new string('n', noteBytes)}}"}""");
        }

        rsf.User("k1", "2024-01-01T00:00:00Z", """{"thing":"k1"}""");
        rsf.System("custodian", "2024-01-01T00:00:00Z", """{"custodian":"Someone"}""");
        rsf.System("register-name", "2024-01-01T00:00:00Z", """{"register-name":"Things"}""");
        rsf.User("k2", "2024-01-01T00:00:00Z", """{"thing":"k2"}""");

        var batches = await BatchesAsync(_folder.File("runs.rsf", rsf.ToString()), batchSize: 1);

        Assert.All(batches, batch => Assert.True(batch.Body.Length <= RsfBatcher.MaxBodyBytes, $"a batch of {batch.Body.Length:N0} bytes"));
        // k0 and the notes up to the cap; the rest of the notes; k1 with the two entries after it; k2.
        Assert.Equal([(1, runs - batches[1].SystemEntries), (0, batches[1].SystemEntries), (1, 2), (1, 0)], batches.Select(batch => (batch.UserEntries, batch.SystemEntries)));
    }

    private static async Task<List<RsfBatch>> BatchesAsync(string path, int batchSize)
    {
        using var batcher = new RsfBatcher(path, batchSize);
        Assert.Null(await batcher.ResumeAsync(new LogPosition(0, "", 0, ""), compareSystem: false, _ => throw new InvalidOperationException(), new Progress<RsfProgress>(), TestContext.Current.CancellationToken));
        var batches = new List<RsfBatch>();
        while (batcher.Next() is { } batch)
        {
            batches.Add(batch);
        }

        return batches;
    }
}
