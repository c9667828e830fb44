using Registers.Client.Reads;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client.Tests.Verification;

/// <summary>The pure record check over an in-memory log: every honest answer verifies, and every single lie is refused.</summary>
public sealed class RecordProofTests : IDisposable
{
    private readonly MemoryLog _log = new MemoryLog().Append(37);

    public void Dispose() => _log.Dispose();

    [Fact]
    public void Every_entry_verifies_in_every_tree_that_holds_it()
    {
        var verified = 0;
        for (long size = 1; size <= 37; size++)
        {
            var checkpoint = _log.Trust.Verify(MemoryLog.Register, _log.Checkpoint(size));
            for (long number = 1; number <= size; number++)
            {
                var record = RecordProof.Verify(checkpoint, _log.Record(number, size), _log.Entry(number), _log.InclusionProof(number, size));
                Assert.Equal(number, record.EntryNumber);
                verified++;
            }
        }

        Assert.Equal(37 * 38 / 2, verified);
    }

    public static TheoryData<string, VerificationProblem> Lies => new()
    {
        { "item", VerificationProblem.ItemHash },
        { "item not canonical", VerificationProblem.ItemHash },
        { "entry and item both another", VerificationProblem.InclusionProof },
        { "record key", VerificationProblem.EntryMismatch },
        { "record number", VerificationProblem.EntryMismatch },
        { "timestamp", VerificationProblem.InclusionProof },
        { "key", VerificationProblem.InclusionProof },
        { "proof node", VerificationProblem.InclusionProof },
        { "proof of another size", VerificationProblem.InclusionProof },
        { "proof cut short", VerificationProblem.InclusionProof },
        { "malformed hash", VerificationProblem.MalformedAnswer },
    };

    [Theory]
    [MemberData(nameof(Lies))]
    public void A_single_lie_is_refused_with_the_check_it_broke(string lie, VerificationProblem problem)
    {
        const long Number = 11;
        const long Size = 30;
        var checkpoint = _log.Trust.Verify(MemoryLog.Register, _log.Checkpoint(Size));
        var record = _log.Record(Number, Size);
        var entry = _log.Entry(Number);
        var proof = _log.InclusionProof(Number, Size);
        var other = _log.Record(Number + 1, Size);
        switch (lie)
        {
            case "item": record = record with { Items = other.Items }; break;
            case "item not canonical": record = record with { Items = [System.Text.Encoding.UTF8.GetBytes(" " + System.Text.Encoding.UTF8.GetString(record.Items[0].Span))] }; break;
            case "entry and item both another": entry = entry with { ItemHashes = [Digest.Of(other.Items[0].Span).ToString()] }; record = record with { Items = other.Items }; break;
            case "record key": record = record with { Key = other.Key }; break;
            case "record number": record = record with { EntryNumber = Number + 1 }; break;
            case "timestamp": (record, entry) = (record with { Timestamp = other.Timestamp }, entry with { Timestamp = other.Timestamp }); break;
            case "key": (record, entry) = (record with { Key = "999999" }, entry with { Key = "999999" }); break;
            case "proof node": proof = [.. proof.Select((hash, i) => i == 2 ? Digest.Of(hash.Bytes) : hash)]; break;
            case "proof of another size": proof = _log.InclusionProof(Number, Size - 1); break;
            case "proof cut short": proof = proof.Take(proof.Count - 1).ToList(); break;
            case "malformed hash": entry = entry with { ItemHashes = ["sha-256:nothex"] }; break;
        }

        var failure = Assert.Throws<VerificationException>(() => RecordProof.Verify(checkpoint, record, entry, proof));

        Assert.Equal(problem, failure.Problem);
        Assert.Equal(MemoryLog.Register, failure.Register);
    }

    [Fact]
    public void A_record_checked_against_a_checkpoint_of_another_log_is_refused()
    {
        using var other = _log.Fork().Append(30, "Academy");
        var checkpoint = _log.Trust.Verify(MemoryLog.Register, other.Checkpoint(30));

        var failure = Assert.Throws<VerificationException>(() => RecordProof.Verify(checkpoint, _log.Record(5, 30), _log.Entry(5), _log.InclusionProof(5, 30)));

        Assert.Equal(VerificationProblem.InclusionProof, failure.Problem);
        Assert.Equal(checkpoint.Checkpoint.Root.ToString(), failure.Expected);
    }

}
