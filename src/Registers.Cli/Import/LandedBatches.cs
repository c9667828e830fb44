using System.Net;
using Registers.Client;
using Registers.Client.Problems;
using Registers.Client.Writes;

namespace Registers.Cli.Import;

/// <summary>
/// How many of an import's batches, from the first, an earlier run committed: those with a receipt under the signer's own
/// key, and those committed under another key whose entries are the batch's (the import begun with another key).
/// Idempotency keys are each signer's own, so the second kind would otherwise be sent again and, where its rows have
/// changed since, appended twice. A write of another key under the batch's key with other entries is not the batch.
/// </summary>
internal static class LandedBatches
{
    /// <summary>The batches committed before, and how many of them were under another key.</summary>
    public static async Task<(int Count, int UnderAnotherKey)> CountAsync(
        RegistersClient client, string register, IReadOnlyList<CsvBatch> batches, CancellationToken cancellation)
    {
        var count = 0;
        var underAnotherKey = 0;
        for (; count < batches.Count; count++)
        {
            if (await client.GetWriteReceiptAsync(register, batches[count].Key, cancellation) is not null)
            {
                continue;
            }

            if (await UnderAnotherKeyAsync(client, register, batches[count], cancellation) is null)
            {
                break;
            }

            underAnotherKey++;
        }

        return (count, underAnotherKey);
    }

    private static async Task<WriteReceipt?> UnderAnotherKeyAsync(RegistersClient client, string register, CsvBatch batch, CancellationToken cancellation)
    {
        WriteReceipt? receipt;
        try
        {
            receipt = await client.GetAnySignersWriteReceiptAsync(register, batch.Key, cancellation);
        }
        catch (RegistersException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return null; // several other keys used it: none can be told for the batch's, so the batch is sent
        }

        if (receipt?.User is not { FirstEntry: { } first } || receipt.UserEntriesAppended != batch.Rows.Count)
        {
            return null;
        }

        var entries = batch.Entries;
        var served = await client.GetEntriesAsync(register, first, cancellation).Take(entries.Count).ToListAsync(cancellation);
        return served.Count == entries.Count && served.Zip(entries).All(pair =>
            pair.First.Key == pair.Second.Key && pair.First.ItemHashes.SequenceEqual(pair.Second.Items.Select(item => item.Hash.ToString())))
            ? receipt
            : null;
    }
}
