using Registers.Client.Reads;
using Registers.Client.Tracking;
using Registers.Protocol.Hashing;

namespace Registers.Client.Verification;

/// <summary>
/// Where verification gets what it checks of a register's user log: signed checkpoints and consistency proofs (as any
/// <see cref="ICheckpointSource"/>), records, entries and inclusion proofs. <see cref="RegistersClient"/> fetches them
/// over HTTP; a mirror, downloaded tiles or files can serve them too. Nothing a source returns is trusted:
/// <see cref="VerifyingClient"/> and <see cref="LogStateTracker"/> check it all.
/// </summary>
public interface IRegisterSource : ICheckpointSource
{
    /// <summary>The record of <paramref name="key"/> as of tree size <paramref name="treeSize"/>, or null when it has none.</summary>
    Task<ServedRecord?> GetRecordAsync(string register, string key, long treeSize, CancellationToken cancellationToken);

    /// <summary>The entries of <paramref name="key"/> made by tree size <paramref name="treeSize"/>, oldest first; none when it has none.</summary>
    /// <remarks>A source that serves no histories (the default, for sources written before histories were verified) throws <see cref="NotSupportedException"/>.</remarks>
    Task<IReadOnlyList<ServedEntry>> GetRecordHistoryAsync(string register, string key, long treeSize, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} serves no record histories.");

    /// <summary>Entry <paramref name="number"/> (from 1).</summary>
    Task<ServedEntry> GetEntryAsync(string register, long number, CancellationToken cancellationToken);

    /// <summary>The audit path of entry <paramref name="number"/> in the tree of <paramref name="treeSize"/> entries.</summary>
    Task<IReadOnlyList<Digest>> GetInclusionProofAsync(string register, long number, long treeSize, CancellationToken cancellationToken);
}
