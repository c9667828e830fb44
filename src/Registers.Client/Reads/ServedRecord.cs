namespace Registers.Client.Reads;

/// <summary>A record as the server served it, not yet checked: its latest entry's fields and the items' JSON bytes.</summary>
/// <param name="EntryNumber">The number of the record's entry.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Timestamp">The entry's timestamp as written, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</param>
/// <param name="Items">Each item's JSON exactly as served (verification hashes these bytes).</param>
/// <param name="TreeSize">The tree size the server says it read the record at, or null when it did not say.</param>
public sealed record ServedRecord(long EntryNumber, string Key, string Timestamp, IReadOnlyList<ReadOnlyMemory<byte>> Items, long? TreeSize);

/// <summary>An entry as the server served it, not yet checked.</summary>
/// <param name="Number">The entry number, from 1.</param>
/// <param name="Key">The key it gives items to.</param>
/// <param name="Timestamp">When it was made, as written.</param>
/// <param name="ItemHashes">The item hashes as written, <c>sha-256:hex</c>.</param>
/// <param name="ChainHash">The chain hash as written (empty when the server gave none).</param>
public sealed record ServedEntry(long Number, string Key, string Timestamp, IReadOnlyList<string> ItemHashes, string ChainHash);
