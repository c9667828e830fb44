using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Server.Writes;

/// <summary>An entry someone asks to append; numbered only when the batch is decided.</summary>
/// <param name="Log">The log to append to.</param>
/// <param name="Key">The entry's key.</param>
/// <param name="Timestamp">When the entry was made; the server's clock when absent.</param>
/// <param name="ItemHashes">The items the key now has, by hash.</param>
/// <param name="Line">Where it came from in an RSF file, for error messages.</param>
public sealed record ProposedEntry(EntryLog Log, string Key, EntryTimestamp? Timestamp, IReadOnlyList<Digest> ItemHashes, long? Line = null);
