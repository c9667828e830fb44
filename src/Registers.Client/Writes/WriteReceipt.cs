using System.Text.Json;

namespace Registers.Client.Writes;

/// <summary>
/// What the server answers for a committed write: where each log stood after it. A repeat of a write (the same
/// idempotency key and body) and <see cref="RegistersClient.GetWriteReceiptAsync"/> give the first write's receipt,
/// rebuilt from what the server stored: the same sizes, roots, entry numbers and checkpoints, but no warnings.
/// </summary>
/// <param name="Register">The register written.</param>
/// <param name="User">The user log after the write.</param>
/// <param name="System">The system log after the write.</param>
/// <param name="Warnings">
/// Register rules broken but let through, as the server described them: only a lenient RSF load has any, and only in
/// the answer to the write itself.
/// </param>
public sealed record WriteReceipt(string Register, LogReceipt User, LogReceipt System, IReadOnlyList<JsonElement> Warnings)
{
    /// <summary>The entries this write appended to the user log.</summary>
    public long UserEntriesAppended => User.FirstEntry is { } first && User.LastEntry is { } last ? last - first + 1 : 0;

    /// <summary>The entries this write appended to the system log.</summary>
    public long SystemEntriesAppended => System.FirstEntry is { } first && System.LastEntry is { } last ? last - first + 1 : 0;
}

/// <summary>One log after a write.</summary>
/// <param name="Size">Entries in the log.</param>
/// <param name="Root">The log's Merkle root, <c>sha-256:hex</c>.</param>
/// <param name="FirstEntry">The number of the first entry the write appended, if it appended any.</param>
/// <param name="LastEntry">The number of the last entry the write appended, if it appended any.</param>
/// <param name="Checkpoint">The signed checkpoint for the new size, if the log grew.</param>
/// <remarks>What a write may not give (no entries appended) the server leaves out: optional, so a receipt reads without it.</remarks>
public sealed record LogReceipt(long Size, string Root, long? FirstEntry = null, long? LastEntry = null, string? Checkpoint = null);
