using Registers.Client.Reads;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client.Tests.Verification;

/// <summary>
/// Answers each refused by one check that nothing else would catch: a record read at another tree size, an entry and a
/// record naming different numbers of items, an entry timestamp that does not parse, and a full copy whose chain hash is
/// not the one the server gives.
/// </summary>
public sealed class UncheckedAnswersTests : IDisposable
{
    private const long Number = 3;
    private const long Size = 5;
    private readonly MemoryLog _log = new MemoryLog().Append((int)Size);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData(Size - 1)]
    [InlineData(Size + 1)]
    public async Task A_record_that_says_it_was_read_at_another_tree_size_than_the_checkpoints_is_a_wrong_answer(long servedSize)
    {
        var client = new VerifyingClient(new RecordAtSize(_log, servedSize), _log.Trust);

        var failure = await Assert.ThrowsAsync<VerificationException>(() => client.GetVerifiedRecordAsync(MemoryLog.Register, "100003"));

        Assert.Equal(VerificationProblem.WrongAnswer, failure.Problem);
        Assert.Equal($"'100003' (entry {Number}) at tree size {servedSize}", failure.Actual);
    }

    [Fact]
    public void A_record_of_another_tree_size_is_a_wrong_answer_to_the_check_itself_too()
    {
        // RecordProof.Verify is the check a caller with its own fetching uses: it must not rely on VerifyingClient's.
        var checkpoint = _log.Trust.Verify(MemoryLog.Register, _log.Checkpoint(Size));

        var failure = Assert.Throws<VerificationException>(() => RecordProof.Verify(checkpoint, _log.Record(Number, Size - 1), _log.Entry(Number), _log.InclusionProof(Number, Size)));

        Assert.Equal(VerificationProblem.WrongAnswer, failure.Problem);
        Assert.Equal(($"tree size {Size}", $"tree size {Size - 1}"), (failure.Expected, failure.Actual));
    }

    [Theory]
    [InlineData(1, 2)] // the record has an item its entry does not name
    [InlineData(2, 1)] // the entry names an item the record does not have
    [InlineData(0, 0)] // neither names any item
    public void An_entry_and_a_record_naming_different_numbers_of_items_or_none_are_refused(int entryItems, int recordItems)
    {
        var checkpoint = _log.Trust.Verify(MemoryLog.Register, _log.Checkpoint(Size));
        var record = _log.Record(Number, Size);
        var entry = _log.Entry(Number);
        var other = _log.Record(Number + 1, Size).Items[0];
        record = record with { Items = [.. record.Items.Concat([other]).Take(recordItems)] };
        entry = entry with { ItemHashes = [.. entry.ItemHashes.Append(Digest.Of(other.Span).ToString()).Take(entryItems)] };

        var failure = Assert.Throws<VerificationException>(() => RecordProof.Verify(checkpoint, record, entry, _log.InclusionProof(Number, Size)));

        Assert.Equal(VerificationProblem.ItemHash, failure.Problem);
        Assert.Equal(($"{entryItems} item(s)", $"{recordItems} item(s)"), (failure.Expected, failure.Actual));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2023-11-14 22:13:23Z")] // a space for the T
    [InlineData("2023-02-30T12:00:00Z")] // no such day
    public void An_entry_whose_timestamp_does_not_parse_is_a_malformed_answer(string timestamp)
    {
        var checkpoint = _log.Trust.Verify(MemoryLog.Register, _log.Checkpoint(Size));
        var record = _log.Record(Number, Size) with { Timestamp = timestamp };
        var entry = _log.Entry(Number) with { Timestamp = timestamp };

        var failure = Assert.Throws<VerificationException>(() => RecordProof.Verify(checkpoint, record, entry, _log.InclusionProof(Number, Size)));

        Assert.Equal(VerificationProblem.MalformedAnswer, failure.Problem);
        Assert.Equal($"'{timestamp}' is not an entry timestamp.", failure.Message);
    }

    [Theory]
    [InlineData("earlier entry")] // a real chain hash of this log, but of the entry before the last
    [InlineData("another log")] // the chain hash of another history
    [InlineData("malformed")]
    public void A_copy_whose_chain_hash_is_not_the_one_the_server_gives_is_refused(string lie)
    {
        var checkpoint = _log.Trust.Verify(MemoryLog.Register, _log.Checkpoint(Size));
        using var rsf = _log.Rsf(Size);
        using var other = new MemoryLog().Append((int)Size, "Academy");
        var chainHash = lie switch
        {
            "earlier entry" => _log.ChainHash(Size - 1),
            "another log" => other.ChainHash(Size),
            _ => "sha-256:nothex",
        };

        var failure = Assert.Throws<VerificationException>(() => RsfCopy.Verify(checkpoint, rsf, chainHash));

        Assert.Equal(VerificationProblem.ContentsMismatch, failure.Problem);
        Assert.Equal((_log.ChainHash(Size), chainHash), (failure.Expected, failure.Actual));
    }

    /// <summary>The log, but every record it serves says it was read at <paramref name="servedSize"/>, whatever size was asked for.</summary>
    private sealed class RecordAtSize(MemoryLog log, long servedSize) : DelegatingSource(log)
    {
        public override async Task<ServedRecord?> GetRecordAsync(string register, string key, long treeSize, CancellationToken cancellationToken) =>
            await base.GetRecordAsync(register, key, treeSize, cancellationToken) is { } record ? record with { TreeSize = servedSize } : null;
    }
}
