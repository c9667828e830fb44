using Registers.Protocol.Items;

namespace Registers.Server.Writes;

/// <summary>One caller's write: entries to append, the items they bring, and how strictly register rules apply.</summary>
/// <param name="Entries">The entries, in order.</param>
/// <param name="Items">Items the write brings.</param>
/// <param name="Policy">Whether broken register rules refuse the write or only warn.</param>
public sealed record WriteRequest(IReadOnlyList<ProposedEntry> Entries, IReadOnlyList<Item> Items, RulePolicy Policy = RulePolicy.Refuse);
