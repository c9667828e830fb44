using System.Text;
using System.Threading.Channels;
using Registers.Protocol.Items;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// Appends waiting for one register are committed as a group, up to a limit on the bytes of their items as well as on
/// their count: the group's items become one event, which PostgreSQL cannot store past 256 MB.
/// </summary>
public sealed class AppendGroupSizeTests
{
    [Fact]
    public void A_group_stops_taking_writes_once_their_items_reach_its_share_of_bytes_and_the_rest_wait_for_the_next()
    {
        const int itemBytes = 1024 * 1024;
        var waiting = (int)(AppendQueue.MaxItemBytesPerGroup / itemBytes) + 16;
        var lane = Channel.CreateUnbounded<AppendQueue.Pending>();
        for (var i = 0; i < waiting; i++)
        {
            var item = Item.Create(Encoding.UTF8.GetBytes($"{{\"note\":\"{new string('x', itemBytes)}\",\"thing\":\"k{i}\"}}"));
            var write = new WriteRequest([new ProposedEntry(Protocol.Entries.EntryLog.User, $"k{i}", null, [item.Hash], null)], [item]);
            lane.Writer.TryWrite(new AppendQueue.Pending(write, new TaskCompletionSource<WriteOutcome>()));
        }

        var first = AppendQueue.Take(lane.Reader);
        var second = AppendQueue.Take(lane.Reader);

        long Bytes(List<AppendQueue.Pending> group) => group.Sum(pending => pending.Write.Items.Sum(item => (long)item.Bytes.Length));
        Assert.True(Bytes(first) - Bytes(first[^1..]) < AppendQueue.MaxItemBytesPerGroup, $"a group of {Bytes(first):N0} item bytes");
        Assert.Equal(waiting, first.Count + second.Count);
        Assert.Equal(Enumerable.Range(0, waiting).Select(i => $"k{i}"), first.Concat(second).Select(pending => pending.Write.Entries[0].Key));
    }
}
