using System.Globalization;
using Registers.Protocol.Entries;
using Registers.Server.Hosting;
using Registers.Server.Proofs;

namespace Registers.Server.Entries;

/// <summary>
/// An entry as GOV.UK's server wrote it (numbers as strings, <c>item-hash</c> always a list), and beyond it the
/// entry's chain hash and links to its items, to the inclusion proof at the end of the write that appended it,
/// and to the checkpoint that proof verifies against. Nothing in it ever changes.
/// </summary>
/// <param name="IndexEntryNumber">The entry number again, as a string (GOV.UK's "experimental" index number).</param>
/// <param name="EntryNumber">The entry number, as a string.</param>
/// <param name="EntryTimestamp">When the entry was made, <c>2016-04-05T13:23:05Z</c>.</param>
/// <param name="Key">The key the entry gives items to.</param>
/// <param name="ItemHash">The items, <c>sha-256:&lt;hex&gt;</c>.</param>
/// <param name="ChainHash">SHA-256 of the previous entry's chain hash and this entry's leaf hash.</param>
/// <param name="Links">Where to find the items, the proof and the checkpoint.</param>
public sealed record EntryResource(
    string IndexEntryNumber,
    string EntryNumber,
    string EntryTimestamp,
    string Key,
    IReadOnlyList<string> ItemHash,
    string ChainHash,
    EntryLinks Links)
{
    /// <summary>The CSV columns of entries: GOV.UK's, then the chain hash.</summary>
    public static readonly string[] CsvHeader = ["index-entry-number", "entry-number", "entry-timestamp", "key", "item-hash", "chain-hash"];

    /// <summary>The resource for <paramref name="entry"/> of <paramref name="register"/>'s <paramref name="log"/>, linked as the client addresses the server.</summary>
    public static EntryResource From(StoredEntry entry, HttpContext context, string register, EntryLog log)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var number = entry.Number.ToString(CultureInfo.InvariantCulture);
        var hashes = entry.ItemHashes.Select(hash => hash.ToString()).ToArray();
        var logBase = RegisterAddressing.LogBase(context, register, log);
        var items = RegisterAddressing.RegisterBase(context, register) + "/items/";
        return new EntryResource(
            number,
            number,
            entry.Timestamp.ToString(),
            entry.Key,
            hashes,
            entry.ChainHash.ToString(),
            new EntryLinks(
                [.. hashes.Select(hash => items + hash)],
                $"{logBase}/proof/entry/{number}/{entry.SignedAt}/{ProofEndpoints.MerkleSha256}",
                $"{logBase}/checkpoint/{entry.SignedAt}"));
    }

    /// <summary>The entry as a CSV row under <see cref="CsvHeader"/>.</summary>
    public static IEnumerable<string> CsvRow(StoredEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var number = entry.Number.ToString(CultureInfo.InvariantCulture);
        return [number, number, entry.Timestamp.ToString(), entry.Key, CsvOutput.Join(entry.ItemHashes.Select(hash => hash.ToString())), entry.ChainHash.ToString()];
    }

    /// <summary>Entries as JSON or CSV.</summary>
    public static IResult Respond(IReadOnlyList<StoredEntry> entries, ReadFormat format, HttpContext context, string register, EntryLog log)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (format == ReadFormat.Csv)
        {
            return new CsvResult((csv, _, _) =>
            {
                csv.WriteRow(CsvHeader);
                foreach (var entry in entries)
                {
                    csv.WriteRow(CsvRow(entry));
                }

                return Task.CompletedTask;
            });
        }

        return Representation.Json(entries.Select(entry => From(entry, context, register, log)).ToArray());
    }
}

/// <summary>Where to check an entry.</summary>
/// <param name="Items">Each item the entry cites.</param>
/// <param name="Proof">Its inclusion proof in the tree of the size it was first signed at.</param>
/// <param name="Checkpoint">The signed checkpoint of that size.</param>
public sealed record EntryLinks(IReadOnlyList<string> Items, string Proof, string Checkpoint);
