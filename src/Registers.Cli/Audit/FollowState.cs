using Registers.Client.Tracking;

namespace Registers.Cli.Audit;

/// <summary>
/// The state folder of <c>audit follow</c>: a <see cref="FileLogStateStore"/> whose files are checked before the first
/// round and whose failures name the file and what is wrong with it, as <see cref="FileProblem"/> says them. It is given
/// the names the trackers keep state under (<see cref="LogStateTracker.StateName"/>): a register's system log's is
/// <c>school.system</c>, so its files lie beside its entries' (<c>school.system.checkpoint</c>).
/// </summary>
internal sealed class FollowState(FileLogStateStore store) : ILogStateStore
{
    /// <summary>The file that holds the evidence kept under <paramref name="register"/>'s state name.</summary>
    public string EvidenceFile(string register) => store.EvidenceFile(register);

    /// <summary>
    /// Throws when the checkpoint or the evidence file kept under <paramref name="register"/>'s state name plainly cannot be
    /// written, before the server is asked: evidence that cannot be kept would be lost with the round that found it.
    /// </summary>
    public void ThrowIfUnwritable(string register)
    {
        FileProblem.ThrowIfEvident(store.CheckpointFile(register), PathUse.WriteFile);
        FileProblem.ThrowIfEvident(store.EvidenceFile(register), PathUse.WriteFile);
        FileProblem.ThrowIfEvident(store.LockFile(register), PathUse.WriteFile);
    }

    /// <inheritdoc/>
    public Task<IAsyncDisposable> LockAsync(string register, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(store.LockFile(register), PathUse.WriteFile, _ => store.LockAsync(register, cancellationToken));

    /// <inheritdoc/>
    public Task<string?> LoadAsync(string register, CancellationToken cancellationToken) =>
        FileProblem.ReadingAsync(store.CheckpointFile(register), _ => store.LoadAsync(register, cancellationToken));

    /// <inheritdoc/>
    public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(store.CheckpointFile(register), PathUse.WriteFile, _ => store.SaveAsync(register, signedNote, cancellationToken));

    /// <inheritdoc/>
    public Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(store.EvidenceFile(register), PathUse.WriteFile, _ => store.SaveEvidenceAsync(register, evidence, cancellationToken));
}
