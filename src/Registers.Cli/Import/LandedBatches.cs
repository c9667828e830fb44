using System.Net;
using Registers.Client;
using Registers.Client.Problems;
using Registers.Client.Writes;

namespace Registers.Cli.Import;

/// <summary>Whether an earlier run committed a batch, and how.</summary>
internal enum Landing
{
    /// <summary>Not committed: to be sent.</summary>
    No,

    /// <summary>Committed under the signer's own key.</summary>
    UnderOwnKey,

    /// <summary>Committed under another key (the import begun with another key), with the batch's entries.</summary>
    UnderAnotherKey,
}

/// <summary>
/// Whether an earlier run committed an import's batch: with a receipt under the signer's own key, or committed under
/// another key with the batch's entries (the import begun with another key). Idempotency keys are each signer's own, so
/// the second kind would otherwise be sent again and, where its rows have changed since, appended twice. A write of
/// another key under the batch's key with other entries is not the batch.
/// </summary>
internal static class LandedBatches
{
    /// <summary>How <paramref name="batch"/> was committed before, if it was.</summary>
    public static async Task<Landing> OfAsync(RegistersClient client, string register, CsvBatch batch, CancellationToken cancellation) =>
        await client.GetWriteReceiptAsync(register, batch.Key, cancellation) is not null ? Landing.UnderOwnKey
        : await UnderAnotherKeyAsync(client, register, batch, cancellation) is not null ? Landing.UnderAnotherKey
        : Landing.No;

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
