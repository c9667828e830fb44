using Registers.Client.Reads;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Protocol.Merkle;

namespace Registers.Client.Verification;

/// <summary>
/// Checks a record against a verified checkpoint, with no I/O: each item is canonical and hashes to what the entry
/// names, the record says what the entry says, and the entry's leaf is in the checkpoint's tree by its audit path.
/// </summary>
public static class RecordProof
{
    /// <summary>Verifies <paramref name="record"/> through <paramref name="entry"/> and <paramref name="proof"/> against <paramref name="checkpoint"/>.</summary>
    /// <param name="checkpoint">A checkpoint whose signature was checked.</param>
    /// <param name="record">The record as served.</param>
    /// <param name="entry">The record's entry as served.</param>
    /// <param name="proof">The entry's audit path in the tree of the checkpoint's size.</param>
    /// <returns>The record, checked.</returns>
    /// <exception cref="VerificationException">Any check failed; the exception names which and carries the evidence.</exception>
    public static VerifiedRecord Verify(VerifiedCheckpoint checkpoint, ServedRecord record, ServedEntry entry, IReadOnlyList<Digest> proof)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(proof);
        var register = checkpoint.Register;
        Check(record.TreeSize is not { } at || at == checkpoint.Size, VerificationProblem.WrongAnswer, checkpoint,
            "The record was read at another tree size than the checkpoint's.", $"tree size {checkpoint.Size}", $"tree size {record.TreeSize}");
        Check(record.EntryNumber == entry.Number && record.Key == entry.Key && record.Timestamp == entry.Timestamp, VerificationProblem.EntryMismatch,
            checkpoint, "The record does not say what its entry says.", Describe(entry.Number, entry.Key, entry.Timestamp), Describe(record.EntryNumber, record.Key, record.Timestamp));
        Check(entry.ItemHashes.Count == record.Items.Count && entry.ItemHashes.Count > 0, VerificationProblem.ItemHash,
            checkpoint, "The record's items are not the ones its entry names.", $"{entry.ItemHashes.Count} item(s)", $"{record.Items.Count} item(s)");
        if (!EntryTimestamp.TryParse(entry.Timestamp, out var timestamp))
        {
            throw Fail(VerificationProblem.MalformedAnswer, checkpoint, $"'{entry.Timestamp}' is not an entry timestamp.");
        }

        var items = new Item[record.Items.Count];
        var hashes = new Digest[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            hashes[i] = ServedJson.Hash(register, entry.ItemHashes[i]);
            if (!Item.TryCreate(record.Items[i].Span, out var item, out var canonicalError))
            {
                throw Fail(VerificationProblem.ItemHash, checkpoint, $"Item {i + 1} of '{record.Key}' is not canonical JSON ({canonicalError.Message}), so it cannot hash to {hashes[i]}.",
                    hashes[i].ToString(), System.Text.Encoding.UTF8.GetString(record.Items[i].Span));
            }

            Check(item.Hash == hashes[i], VerificationProblem.ItemHash, checkpoint,
                $"Item {i + 1} of '{record.Key}' does not hash to the hash entry {entry.Number} names: the server served another item.", hashes[i].ToString(), $"{item.Hash} {item}");
            items[i] = item;
        }

        if (entry.Number < 1)
        {
            throw Fail(VerificationProblem.MalformedAnswer, checkpoint, $"Entry number {entry.Number} is not in any tree.");
        }

        var leaf = EntryLeaf.Hash(entry.Number, timestamp, entry.Key, hashes);
        var path = proof as Digest[] ?? [.. proof];
        if (!InclusionProof.Verify(leaf, (ulong)entry.Number - 1, (ulong)checkpoint.Size, path, checkpoint.Checkpoint.Root, out var error))
        {
            throw new VerificationException(VerificationProblem.InclusionProof, register,
                $"Entry {entry.Number} ('{entry.Key}') is not proved in the tree of {checkpoint.Size}: {error.Message}",
                error.ExpectedRoot?.ToString() ?? $"{error.ExpectedLength} proof hashes", error.CalculatedRoot?.ToString() ?? $"{error.ActualLength} proof hashes")
            {
                TrustedCheckpoint = checkpoint.SignedNote,
                Proof = path,
            };
        }

        return new VerifiedRecord(entry.Number, entry.Key, timestamp, items, checkpoint);
    }

    private static string Describe(long number, string key, string timestamp) => $"entry {number}, key '{key}', {timestamp}";

    private static void Check(bool holds, VerificationProblem problem, VerifiedCheckpoint checkpoint, string message, string expected, string actual)
    {
        if (!holds)
        {
            throw Fail(problem, checkpoint, message, expected, actual);
        }
    }

    private static VerificationException Fail(VerificationProblem problem, VerifiedCheckpoint checkpoint, string message, string? expected = null, string? actual = null) =>
        new(problem, checkpoint.Register, message, expected, actual) { TrustedCheckpoint = checkpoint.SignedNote };
}
