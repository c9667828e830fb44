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
