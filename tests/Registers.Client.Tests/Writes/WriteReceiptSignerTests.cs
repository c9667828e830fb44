using System.Net;
using System.Text;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Items;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Writes;

/// <summary>
/// An idempotency key is its signer's own. Two custodians of one register may send the same key (one can predict the
/// other's), and each must be told of its own write: a load resuming on another's receipt would skip a batch never sent.
/// </summary>
public sealed class WriteReceiptSignerTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Each_custodian_finds_its_own_write_under_a_key_both_used_and_the_key_alone_is_not_enough()
    {
        await using var live = await LiveRegister.StartAsync(cluster);
        using var aliceKey = SignerKey.Generate("custodian.example/alice");
        using var bobKey = SignerKey.Generate("custodian.example/bob");
        var alice = await live.CustodianAsync(aliceKey);
        var bob = await live.CustodianAsync(bobKey);

        var bobs = await bob.AppendAsync(LiveRegister.Name, [School("100001", "Bob's")], new WriteOptions { IdempotencyKey = "batch-1" });
        var alices = await alice.AppendAsync(LiveRegister.Name, [School("100002", "Alice's")], new WriteOptions { IdempotencyKey = "batch-1" });
        var onlyBobs = await bob.AppendAsync(LiveRegister.Name, [School("100003", "Bob's too")], new WriteOptions { IdempotencyKey = "batch-2" });

        Assert.Equal((1L, 2L), (bobs.User.FirstEntry, alices.User.FirstEntry));
        Assert.Equal(Entries(alices), Entries(await alice.GetWriteReceiptAsync(LiveRegister.Name, "batch-1")));
        Assert.Equal(Entries(bobs), Entries(await bob.GetWriteReceiptAsync(LiveRegister.Name, "batch-1")));
        Assert.Null(await alice.GetWriteReceiptAsync(LiveRegister.Name, "batch-2"));
        Assert.Equal(Entries(onlyBobs), Entries(await live.Reader().GetWriteReceiptAsync(LiveRegister.Name, "batch-2")));
        Assert.Equal(Entries(onlyBobs), Entries(await alice.GetAnySignersWriteReceiptAsync(LiveRegister.Name, "batch-2")));
        Assert.Null(await alice.GetAnySignersWriteReceiptAsync(LiveRegister.Name, "batch-3"));
        var ambiguous = await Assert.ThrowsAsync<RegistersException>(() => live.Reader().GetWriteReceiptAsync(LiveRegister.Name, "batch-1"));
        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
    }

    private static (long? First, long? Last, string? Checkpoint) Entries(WriteReceipt? receipt) =>
        (receipt?.User.FirstEntry, receipt?.User.LastEntry, receipt?.User.Checkpoint);

    private static NewEntry School(string key, string name) =>
        new(key, Item.FromJson(Encoding.UTF8.GetBytes($$"""{"school":"{{key}}","name":"{{name}}"}""")));
}
