using Registers.Client.Tracking;

namespace Registers.Cli.Audit;

/// <summary>
/// The state folder of <c>audit follow</c>: a <see cref="FileLogStateStore"/> whose files are checked before the first
/// round and whose failures name the file and what is wrong with it, as <see cref="FileProblem"/> says them.
/// </summary>
internal sealed class FollowState(FileLogStateStore files) : ILogStateStore
{
    /// <summary>The file that holds the evidence for <paramref name="register"/>.</summary>
    public string EvidenceFile(string register) => files.EvidenceFile(register);

    /// <summary>
    /// Throws when the checkpoint or the evidence file of <paramref name="register"/> plainly cannot be written, before the
    /// server is asked: evidence that cannot be kept would be lost with the round that found it.
    /// </summary>
    public void ThrowIfUnwritable(string register)
    {
        FileProblem.ThrowIfEvident(files.CheckpointFile(register), PathUse.WriteFile);
        FileProblem.ThrowIfEvident(files.EvidenceFile(register), PathUse.WriteFile);
        FileProblem.ThrowIfEvident(files.LockFile(register), PathUse.WriteFile);
    }

    /// <inheritdoc/>
    public Task<IAsyncDisposable> LockAsync(string register, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(files.LockFile(register), PathUse.WriteFile, _ => files.LockAsync(register, cancellationToken));

    /// <inheritdoc/>
    public Task<string?> LoadAsync(string register, CancellationToken cancellationToken) =>
        FileProblem.ReadingAsync(files.CheckpointFile(register), _ => files.LoadAsync(register, cancellationToken));

    /// <inheritdoc/>
    public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(files.CheckpointFile(register), PathUse.WriteFile, _ => files.SaveAsync(register, signedNote, cancellationToken));

    /// <inheritdoc/>
    public Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(files.EvidenceFile(register), PathUse.WriteFile, _ => files.SaveEvidenceAsync(register, evidence, cancellationToken));
}
