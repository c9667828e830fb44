using Registers.Client.Tracking;

namespace Registers.Cli.Audit;

/// <summary>
/// The state folder of <c>audit follow</c>: a <see cref="FileLogStateStore"/> whose files are checked before the first
/// round and whose failures name the file and what is wrong with it, as <see cref="FileProblem"/> says them. The state of
/// a register's system log is kept beside its entries' under the register's name and <paramref name="log"/>
/// (<c>school.system.checkpoint</c>): no register's name holds a dot.
/// </summary>
internal sealed class FollowState(FileLogStateStore store, string log = "") : ILogStateStore
{
    /// <summary>The file that holds the evidence for <paramref name="register"/>.</summary>
    public string EvidenceFile(string register) => store.EvidenceFile(register + log);

    /// <summary>
    /// Throws when the checkpoint or the evidence file of <paramref name="register"/> plainly cannot be written, before the
    /// server is asked: evidence that cannot be kept would be lost with the round that found it.
    /// </summary>
    public void ThrowIfUnwritable(string register)
    {
        FileProblem.ThrowIfEvident(store.CheckpointFile(register + log), PathUse.WriteFile);
        FileProblem.ThrowIfEvident(store.EvidenceFile(register + log), PathUse.WriteFile);
        FileProblem.ThrowIfEvident(store.LockFile(register + log), PathUse.WriteFile);
    }

    /// <inheritdoc/>
    public Task<IAsyncDisposable> LockAsync(string register, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(store.LockFile(register + log), PathUse.WriteFile, _ => store.LockAsync(register + log, cancellationToken));

    /// <inheritdoc/>
    public Task<string?> LoadAsync(string register, CancellationToken cancellationToken) =>
        FileProblem.ReadingAsync(store.CheckpointFile(register + log), _ => store.LoadAsync(register + log, cancellationToken));

    /// <inheritdoc/>
    public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(store.CheckpointFile(register + log), PathUse.WriteFile, _ => store.SaveAsync(register + log, signedNote, cancellationToken));

    /// <inheritdoc/>
    public Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(store.EvidenceFile(register + log), PathUse.WriteFile, _ => store.SaveEvidenceAsync(register + log, evidence, cancellationToken));
}
