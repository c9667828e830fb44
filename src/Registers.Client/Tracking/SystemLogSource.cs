using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;

namespace Registers.Client.Tracking;

/// <summary>
/// Registers' system logs (their metadata: fields, custodians, custodian keys) as a source of the checkpoints and
/// consistency proofs a <see cref="LogStateTracker"/> needs, so a system log can be followed as a user log is: a server
/// that rewrote a register's metadata, or showed auditors two of it, is caught too. Give the tracker
/// <see cref="Verification.CheckpointTrust.ForSystemLogs"/>, with which it keeps its state as <c>&lt;register&gt;.system</c>, apart from
/// the entries' in any store.
/// </summary>
public sealed class SystemLogSource(RegistersClient client) : ICheckpointSource
{
    private readonly RegistersClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc/>
    public Task<string> GetCheckpointAsync(string register, long? size, CancellationToken cancellationToken) =>
        _client.GetCheckpointAsync(register, EntryLog.System, size, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken) =>
        _client.GetConsistencyProofAsync(register, EntryLog.System, fromSize, toSize, cancellationToken);
}
