using Registers.Client.Reads;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Verification;

/// <summary>A record's history, each entry proved in the checkpoint's tree: the real server's is accepted, and each way of lying about one is caught.</summary>
public sealed class VerifiedHistoryTests(PostgresCluster cluster) : IDisposable
{
    private readonly MemoryLog _log = new MemoryLog().Append(20); // key 100001 at entries 1, 8 and 15

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task The_real_servers_history_of_a_key_is_verified_entry_by_entry_and_a_key_it_lacks_has_none()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"), ("100002", "York School"));
        await live.AppendAsync(("100001", "Leeds High School"));
        await live.AppendAsync(("100003", "Hull School"));
        var client = new VerifyingClient(live.Reader(), live.Trust());

        var leeds = await client.GetVerifiedHistoryAsync(LiveRegister.Name, "100001");
        var missing = await client.GetVerifiedHistoryAsync(LiveRegister.Name, "999999");

        Assert.Equal([(1L, "Leeds School"), (3L, "Leeds High School")], leeds.Select(entry => (entry.EntryNumber, entry.Field("name"))));
        Assert.All(leeds, entry => Assert.Equal(4, entry.Checkpoint.Size));
        Assert.Empty(missing);
    }

    [Fact]
    public async Task An_entry_whose_items_are_altered_is_caught_by_their_hash()
    {
        var client = new VerifyingClient(new AlteredItems(_log, 8), _log.Trust);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedHistoryAsync(MemoryLog.Register, "100001"));

        Assert.Equal(VerificationProblem.ItemHash, failure.Problem);
    }

    [Fact]
    public async Task A_history_holding_another_keys_entry_is_a_wrong_answer()
    {
        var client = new VerifyingClient(new ForeignEntry(_log), _log.Trust);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedHistoryAsync(MemoryLog.Register, "100001"));

        Assert.Equal(VerificationProblem.WrongAnswer, failure.Problem);
        Assert.Contains("'100002' (entry 2)", failure.Actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reordered", "'100001' (entry 1) after entry 8")]
    [InlineData("an entry twice", "'100001' (entry 8) after entry 8")]
    [InlineData("an entry past the checkpoint", "'100001' (entry 22) after entry 15")]
    public async Task A_history_out_of_order_repeating_an_entry_or_past_the_checkpoint_is_a_wrong_answer(string lie, string actual)
    {
        var client = new VerifyingClient(new AlteredHistory(_log, lie), _log.Trust);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedHistoryAsync(MemoryLog.Register, "100001"));

        Assert.Equal(VerificationProblem.WrongAnswer, failure.Problem);
        Assert.Equal(actual, failure.Actual);
    }

    [Fact]
    public async Task The_honest_history_of_the_in_memory_log_is_every_entry_of_the_key()
    {
        var history = await new VerifyingClient(_log, _log.Trust).GetVerifiedHistoryAsync(MemoryLog.Register, "100001");

        Assert.Equal([1L, 8, 15], history.Select(entry => entry.EntryNumber));
    }

    /// <summary>The log, except that the record of the key as of entry <paramref name="number"/> has another item.</summary>
    private sealed class AlteredItems(MemoryLog log, long number) : DelegatingSource(log)
    {
        public override async Task<ServedRecord?> GetRecordAsync(string register, string key, long treeSize, CancellationToken cancellationToken)
        {
            var record = await base.GetRecordAsync(register, key, treeSize, cancellationToken);
            return treeSize == number ? record! with { Items = ["""{"name":"Evil School","school":"100001"}"""u8.ToArray()] } : record;
        }
    }

    /// <summary>The log, except that histories are altered as <paramref name="lie"/> says: the key's entries are 1, 8 and 15.</summary>
    private sealed class AlteredHistory(MemoryLog log, string lie) : DelegatingSource(log)
    {
        public override async Task<IReadOnlyList<ServedEntry>> GetRecordHistoryAsync(string register, string key, long treeSize, CancellationToken cancellationToken)
        {
            var history = await base.GetRecordHistoryAsync(register, key, treeSize, cancellationToken);
            return lie switch
            {
                "reordered" => [history[1], history[0], history[2]],
                "an entry twice" => [history[0], history[1], history[1], history[2]],
                _ => [.. history, history[2] with { Number = 22 }],
            };
        }
    }

    /// <summary>The log, except that histories list entry 2 (of another key) too.</summary>
    private sealed class ForeignEntry(MemoryLog log) : DelegatingSource(log)
    {
        public override async Task<IReadOnlyList<ServedEntry>> GetRecordHistoryAsync(string register, string key, long treeSize, CancellationToken cancellationToken) =>
            [.. (await base.GetRecordHistoryAsync(register, key, treeSize, cancellationToken)).Take(1), log.Entry(2), .. (await base.GetRecordHistoryAsync(register, key, treeSize, cancellationToken)).Skip(1)];
    }
}
