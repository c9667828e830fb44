using Registers.Protocol.Items;

namespace Registers.Server.Writes;

/// <summary>One caller's write: entries to append, the items they bring, how strictly register rules apply, and who signed it.</summary>
/// <param name="Entries">The entries, in order.</param>
/// <param name="Items">Items the write brings.</param>
/// <param name="Policy">Whether broken register rules refuse the write or only warn.</param>
/// <param name="Signature">Who signed the request, to keep with the batch.</param>
/// <param name="IdempotencyKey">A retry with this key is applied once.</param>
/// <param name="ExpectedSize">Apply only if the user log has exactly this many entries (<c>If-Match: "size-N"</c>).</param>
public sealed record WriteRequest(
    IReadOnlyList<ProposedEntry> Entries,
    IReadOnlyList<Item> Items,
    RulePolicy Policy = RulePolicy.Refuse,
    Signatures.SignedWrite? Signature = null,
    string? IdempotencyKey = null,
    long? ExpectedSize = null);
