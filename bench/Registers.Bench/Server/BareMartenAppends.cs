using System.Globalization;
using System.Text;
using Marten;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Server.Registers;

namespace Registers.Bench.Server;

/// <summary>
/// The baseline for concurrent single appends: the events one append makes (its item, its entry), appended by a bare
/// Marten store (<see cref="BareStore"/>) one append per transaction, as a server without group commit would, by the
/// same number of concurrent callers, to one stream or to a stream per caller. Each append locks its stream as the
/// server's writes do (concurrent appends to one stream otherwise fail Marten's version check).
/// </summary>
internal sealed class BareMartenAppends(DocumentStore store, string name, int streams) : IAsyncDisposable
{
    private static readonly EntryTimestamp Timestamp = EntryTimestamp.Parse("2024-01-01T00:00:00Z");

    /// <summary>A baseline over <paramref name="streams"/> new streams named after <paramref name="name"/>.</summary>
    public static async Task<BareMartenAppends> CreateAsync(string connectionString, string name, int streams)
    {
        var store = await BareStore.CreateAsync(connectionString);
        await using var session = store.LightweightSession();
        for (var i = 0; i < streams; i++)
        {
            session.Events.StartStream<RegisterHead>(Stream(name, i), new RegisterCreated(name));
        }

        await session.SaveChangesAsync();
        return new BareMartenAppends(store, name, streams);
    }

    private static string Stream(string name, int index) => string.Create(CultureInfo.InvariantCulture, $"{name}-{index}");

    /// <summary>One append by caller <paramref name="worker"/>, its <paramref name="sequence"/>-th: an item and an entry, committed.</summary>
    public async Task<bool> AppendAsync(int worker, long sequence)
    {
        var key = sequence.ToString(CultureInfo.InvariantCulture);
        var item = Item.FromJson(Encoding.UTF8.GetBytes($$"""{"name":"bare {{key}}","school":"{{key}}"}"""));
        var before = RegisterHead.Create(new RegisterCreated("bare")).Log(EntryLog.User);
        await using var session = store.LightweightSession();
        await session.Events.AppendExclusive(Stream(name, worker % streams),
            new ItemsAdded([Encoding.UTF8.GetString(item.Bytes)]),
            new EntriesAppended(EntryLog.User, sequence + 1, [new AppendedEntry(key, Timestamp, [item.Hash])], before.Chain, before.Frontier, 1));
        await session.SaveChangesAsync();
        return true;
    }

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        return ValueTask.CompletedTask;
    }
}
