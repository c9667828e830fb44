using Registers.Protocol.Items;

namespace Registers.Server.Writes;

/// <summary>One caller's write: entries to append, the items they bring, how strictly register rules apply, and who signed it.</summary>
/// <param name="Entries">The entries, in order.</param>
/// <param name="Items">Items the write brings.</param>
/// <param name="Policy">Whether broken register rules refuse the write or only warn.</param>
/// <param name="Signature">Who signed the request, to keep with the batch.</param>
/// <param name="IdempotencyKey">A retry with this key (by the same signer) is applied once.</param>
/// <param name="ExpectedSize">Apply only if the user log has exactly this many entries (<c>If-Match: "size-N"</c>).</param>
/// <param name="ByAdmin">
/// Whether the admin key (or the server's own seeding) made the write. Only such a write may append system entries,
/// which decide who may write (<c>custodian-key:*</c>) and what the register's items must be (<c>field:*</c>,
/// <c>register:*</c>): a custodian could otherwise let in any key it liked, or change the fields under its
/// co-custodians' feet. Only such a write may load leniently, past the register's rules.
/// </param>
public sealed record WriteRequest(
    IReadOnlyList<ProposedEntry> Entries,
    IReadOnlyList<Item> Items,
    RulePolicy Policy = RulePolicy.Refuse,
    Signatures.SignedWrite? Signature = null,
    string? IdempotencyKey = null,
    long? ExpectedSize = null,
    bool ByAdmin = false)
{
    /// <summary>Its idempotency key, if it carries one, as the signer's own: a retry is looked for among the signer's writes only.</summary>
    public ScopedIdempotencyKey? ScopedKey => IdempotencyKey is { } key ? new(Signature?.KeyId, key) : null;

    /// <summary>The signed <c>Content-Digest</c> of the body, when the write was signed with one.</summary>
    public string? ContentDigest => Signature?.Fields.GetValueOrDefault("content-digest");

    /// <summary>
    /// Whether this write sends the same body as one signed with <paramref name="contentDigest"/>: a write sent again
    /// under its idempotency key does; one that reuses the key for another body does not, and must not get the first's receipt.
    /// Unsigned (internal) writes have no digest and are taken as the same.
    /// </summary>
    public bool HasSameBodyAs(string? contentDigest) => contentDigest is null || ContentDigest is null || contentDigest == ContentDigest;

    /// <summary>Why a custodian's system entry is refused.</summary>
    public const string SystemLogIsTheAdmins = "only the admin key may write the system log (custodian keys, fields, the register's metadata)";

    /// <summary>Whether <paramref name="entry"/> allows or revokes a custodian key.</summary>
    public static bool IsCustodianKeyEntry(ProposedEntry entry) =>
        entry.Log == Protocol.Entries.EntryLog.System && entry.Key.StartsWith(Protocol.Entries.EntryKey.CustodianKeyPrefix, StringComparison.Ordinal);
}
