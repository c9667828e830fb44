namespace Registers.Client.Tracking;

/// <summary>Where a <see cref="LogStateTracker"/> keeps the last checkpoint it verified for each register, and any evidence of an inconsistency.</summary>
/// <remarks>
/// A register's state is named by the tracker (<see cref="LogStateTracker.StateName"/>): the register's name for its
/// entries, <c>&lt;register&gt;.system</c> for its system log, so the trackers of both can share a store.
/// </remarks>
public interface ILogStateStore
{
    /// <summary>
    /// Holds <paramref name="register"/>'s state for one tracker until disposed, waiting while another holds it: a newer
    /// checkpoint is checked against the saved one and saved under it, so every tracker of the same state must wait for
    /// it, in this process or, where the state is shared with others (a folder), in any. Otherwise two trackers could each
    /// check against one saved checkpoint and the one that saves last could put an older checkpoint back.
    /// </summary>
    /// <remarks>By default a gate of this store object's in this process, as trackers took turns before this member was added.</remarks>
    Task<IAsyncDisposable> LockAsync(string register, CancellationToken cancellationToken) => StoreGates.LockAsync(this, register, cancellationToken);

    /// <summary>The signed checkpoint note last saved for <paramref name="register"/>, or null.</summary>
    Task<string?> LoadAsync(string register, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="signedNote"/> as the last verified checkpoint of <paramref name="register"/>.</summary>
    Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the evidence of an inconsistency found in <paramref name="register"/> (both checkpoints and the proof, as text),
    /// beside any kept before: evidence is never replaced. Evidence that repeats the last kept (one fork, refused on every
    /// lookup) need not be kept again.
    /// </summary>
    Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken);
}
