using Registers.Protocol.Hashing;

namespace Registers.Client.Tracking;

/// <summary>
/// What a <see cref="LogStateTracker"/> fetches to follow a log: its signed checkpoints and the consistency proofs between
/// them. A register's user log (<see cref="Verification.IRegisterSource"/>) and its system log
/// (<see cref="SystemLogSource"/>) both serve them. Nothing returned is trusted: the tracker checks it all.
/// </summary>
public interface ICheckpointSource
{
    /// <summary>The signed checkpoint note of the latest tree (<paramref name="size"/> null) or of the tree of that size.</summary>
    Task<string> GetCheckpointAsync(string register, long? size, CancellationToken cancellationToken);

    /// <summary>The consistency proof from the tree of <paramref name="fromSize"/> entries to the tree of <paramref name="toSize"/>.</summary>
    Task<IReadOnlyList<Digest>> GetConsistencyProofAsync(string register, long fromSize, long toSize, CancellationToken cancellationToken);
}
