using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Server.Registers;

/// <summary>A register came into being, empty. Its definition follows as system entries.</summary>
/// <param name="Name">The register's name, which is also its event stream's key.</param>
public sealed record RegisterCreated(string Name);

/// <summary>Items became available to the register's entries.</summary>
/// <param name="Items">Canonical item JSON, exactly the bytes that were hashed (as UTF-8 text).</param>
public sealed record ItemsAdded(IReadOnlyList<string> Items);

/// <summary>
/// A batch of entries was appended to one log of a register, numbered densely from
/// <paramref name="FirstNumber"/>. The batch carries the chain hash and Merkle frontier it extended,
/// so its leaves, chain hashes and tree nodes can be derived from this event alone.
/// </summary>
/// <param name="Log">The log the entries belong to.</param>
/// <param name="FirstNumber">The 1-based number of the first entry; the rest follow without gaps.</param>
/// <param name="Entries">The entries, in order.</param>
/// <param name="ChainBefore">The chain hash of entry <c>FirstNumber - 1</c> (the genesis value for the first).</param>
/// <param name="FrontierBefore">The Merkle frontier of the log's first <c>FirstNumber - 1</c> entries, left to right.</param>
/// <param name="NewKeys">How many of the batch's keys had no record before it.</param>
public sealed record EntriesAppended(
    EntryLog Log,
    long FirstNumber,
    IReadOnlyList<AppendedEntry> Entries,
    Digest ChainBefore,
    IReadOnlyList<Digest> FrontierBefore,
    int NewKeys);

/// <summary>One entry of a batch: key <paramref name="Key"/> now has the items <paramref name="ItemHashes"/>.</summary>
public sealed record AppendedEntry(string Key, EntryTimestamp Timestamp, IReadOnlyList<Digest> ItemHashes);

/// <summary>
/// A signed write was committed: who signed it (enough to rebuild and check the RFC 9421 signature),
/// the idempotency key it carried, and the entry numbers it took in each log.
/// </summary>
/// <param name="Signature">The signature and what it covered.</param>
/// <param name="IdempotencyKey">The key a retry of this write would carry.</param>
/// <param name="User">First and last user entry numbers it took, if any.</param>
/// <param name="System">First and last system entry numbers it took, if any.</param>
/// <param name="UserSize">The user log's size when the write was committed (the size of the checkpoint it was given).</param>
/// <param name="SystemSize">The system log's size when the write was committed.</param>
public sealed record WriteRecorded(
    Signatures.SignedWrite? Signature,
    string? IdempotencyKey,
    Writes.EntryRange? User,
    Writes.EntryRange? System,
    long UserSize,
    long SystemSize);
