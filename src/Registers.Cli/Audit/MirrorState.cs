using Registers.Client;
using Registers.Client.Tracking;
using Registers.Client.Verification;

namespace Registers.Cli.Audit;

/// <summary>
/// The state of a <c>mirror</c> run's tracker: checkpoints in memory, for the run (the copy's own is kept beside it as
/// <c>FILE.checkpoint</c>), but the evidence of an inconsistency, a rollback, a refused proof or a signed false root for
/// the empty tree in files in the copy's folder, named as <c>audit follow</c> names its own (<c>school.evidence</c>, and
/// <c>school.system.evidence</c> for the metadata), so that it outlives the run that found it. A failure of a file is said as <see cref="FileProblem"/> says it.
/// </summary>
internal sealed class MirrorState : ILogStateStore
{
    private readonly MemoryLogStateStore _checkpoints = new();
    private readonly FileLogStateStore _files;
    private readonly string _entries;
    private readonly string _metadata;

    /// <summary>The state of a mirror of <paramref name="register"/> in <paramref name="folder"/>, its tracker asking <paramref name="client"/>.</summary>
    public MirrorState(string folder, string register, CheckpointTrust trust, RegistersClient client)
    {
        _files = FileProblem.Using(folder, PathUse.Folder, at => new FileLogStateStore(at));
        Tracker = new LogStateTracker(client, trust, this);
        _entries = Tracker.StateName(register);
        SystemTracker = new LogStateTracker(new SystemLogSource(client), trust.ForSystemLogs(), this);
        _metadata = SystemTracker.StateName(register);
    }

    /// <summary>The tracker of the register's entries, keeping its evidence here.</summary>
    public LogStateTracker Tracker { get; }

    /// <summary>The tracker of the register's metadata (its system log), keeping its evidence here.</summary>
    public LogStateTracker SystemTracker { get; }

    /// <summary>Throws when an evidence file plainly cannot be written, before a download that the evidence would come after.</summary>
    public void ThrowIfUnwritable()
    {
        FileProblem.ThrowIfEvident(_files.EvidenceFile(_entries), PathUse.WriteFile);
        FileProblem.ThrowIfEvident(_files.EvidenceFile(_metadata), PathUse.WriteFile);
    }

    /// <summary>Runs a step of <see cref="Tracker"/>'s; at a failure whose evidence it kept, tells <paramref name="say"/> where.</summary>
    public Task<T> SayingWhereAsync<T>(Func<Task<T>> step, Action<string> say) => SayingWhereAsync(_entries, step, say);

    /// <summary>
    /// Accepts <paramref name="checkpoints"/> of the system log in turn (nulls, of none, left out) with <see cref="SystemTracker"/>:
    /// each must extend the one before, by a consistency proof. At a failure whose evidence it kept, tells <paramref name="say"/> where.
    /// </summary>
    public Task<VerifiedCheckpoint?> ExtendSystemLogAsync(Action<string> say, CancellationToken cancellationToken, params VerifiedCheckpoint?[] checkpoints) =>
        SayingWhereAsync(_metadata, async () =>
        {
            VerifiedCheckpoint? trusted = null;
            foreach (var checkpoint in checkpoints.OfType<VerifiedCheckpoint>())
            {
                trusted = await SystemTracker.AcceptAsync(checkpoint, cancellationToken);
            }

            return trusted;
        }, say);

    private async Task<T> SayingWhereAsync<T>(string stateName, Func<Task<T>> step, Action<string> say)
    {
        try
        {
            return await step();
        }
        catch (VerificationException failure) when (failure.Problem is VerificationProblem.Inconsistent or VerificationProblem.RolledBack or VerificationProblem.ProofRefused
                                                        or VerificationProblem.ContentsMismatch // from a tracker, a signed false root for the empty tree
                                                    && failure.EvidenceNotKept is null)
        {
            say($"the evidence is kept in {_files.EvidenceFile(stateName)}");
            throw;
        }
    }

    /// <summary>Keeps <paramref name="failure"/>, found in the metadata (the system log), as evidence, and tells <paramref name="say"/> where or why it could not be.</summary>
    /// <returns><paramref name="failure"/>, to be thrown.</returns>
    public async Task<VerificationException> KeptForSystemLogAsync(VerificationException failure, Action<string> say)
    {
        try
        {
            await SaveEvidenceAsync(_metadata, string.Join('\n', failure.Evidence()) + "\n", CancellationToken.None);
            say($"the evidence is kept in {_files.EvidenceFile(_metadata)}");
        }
        catch (Exception notKept) when (notKept is IOException or UnauthorizedAccessException)
        {
            // The failure matters more than the file: it is still printed whole.
            say($"the evidence below could not be kept in a file: {notKept.Message}");
        }

        return failure;
    }

    /// <inheritdoc/>
    public Task<string?> LoadAsync(string register, CancellationToken cancellationToken) => _checkpoints.LoadAsync(register, cancellationToken);

    /// <inheritdoc/>
    public Task SaveAsync(string register, string signedNote, CancellationToken cancellationToken) => _checkpoints.SaveAsync(register, signedNote, cancellationToken);

    /// <inheritdoc/>
    public Task SaveEvidenceAsync(string register, string evidence, CancellationToken cancellationToken) =>
        FileProblem.UsingAsync(_files.EvidenceFile(register), PathUse.WriteFile, _ => _files.SaveEvidenceAsync(register, evidence, cancellationToken));
}
