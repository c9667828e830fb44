using Registers.Client.Reads;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client.Tests.Support;

/// <summary>A source that passes every request to <paramref name="inner"/>: a test overrides the one answer it alters or holds back.</summary>
internal abstract class DelegatingSource(IRegisterSource inner) : IRegisterSource
{
    public virtual Task<string> GetCheckpointAsync(string register, long? size, CancellationToken cancellationToken) =>
        inner.GetCheckpointAsync(register, size, cancellationToken);

    public virtual Task<ServedRecord?> GetRecordAsync(string register, string key, long treeSize, CancellationToken cancellationToken) =>
        inner.GetRecordAsync(register, key, treeSize, cancellationToken);

    public virtual Task<IReadOnlyList<ServedEntry>> GetRecordHistoryAsync(string register, string key, long treeSize, CancellationToken cancellationToken) =>
        inner.GetRecordHistoryAsync(register, key, treeSize, cancellationToken);

    public virtual Task<ServedEntry> GetEntryAsync(string register, long number, CancellationToken cancellationToken) =>
        inner.GetEntryAsync(register, number, cancellationToken);

    public virtual Task<IReadOnlyList<Digest>> GetInclusionProofAsync(string register, long number, long treeSize, CancellationToken cancellationToken) =>
        inner.GetInclusionProofAsync(register, number, treeSize, cancellationToken);

    public virtual Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken) =>
        inner.GetConsistencyProofAsync(register, fromSize, toSize, cancellationToken);
}
