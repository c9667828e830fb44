using Registers.Shared;

namespace Registers.Cli.Audit;

/// <summary>
/// The files of <c>mirror FILE</c>: the copy, its signed checkpoint beside it (<c>FILE.checkpoint</c>), the next copy
/// and checkpoint a run writes (<c>FILE.next</c>, <c>FILE.next.checkpoint</c>) to replace them once verified, and the lock
/// a run holds (<c>FILE.lock</c>). A failure of any is said as <see cref="FileProblem"/> says it.
/// </summary>
internal sealed class MirrorFiles(string copy)
{
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(100);

    public string Copy => copy;

    public string Checkpoint => copy + ".checkpoint";

    private string Lock => copy + ".lock";

    private string Next => copy + ".next";

    private string NextCheckpoint => Next + ".checkpoint";

    /// <summary>Throws when any of the files plainly cannot be written: checked before a download that would be lost when one fails at the end.</summary>
    public void ThrowIfUnwritable()
    {
        foreach (var path in (string[])[Copy, Checkpoint, Next, NextCheckpoint, Lock])
        {
            FileProblem.ThrowIfEvident(path, PathUse.WriteFile);
        }
    }

    /// <summary>
    /// Holds the copy's lock until disposed, waiting (told once through <paramref name="waiting"/>) while another run holds
    /// it: runs at once would write <c>FILE.next</c> over each other, and one could extend a copy the other had just
    /// replaced, from the size the copy held before, and take its own mistake for the server's.
    /// </summary>
    public async Task<IDisposable> LockAsync(Action waiting, CancellationToken cancellationToken)
    {
        var told = false;
        while (true)
        {
            try
            {
                return new FileStream(Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException held) when (FileLocks.HeldElsewhere(held))
            {
                if (!told)
                {
                    waiting();
                    told = true;
                }

                await Task.Delay(LockPoll, cancellationToken);
            }
            catch (Exception e) when (FileProblem.IsUnexplained(e))
            {
                throw Explained(Lock, PathUse.WriteFile, e);
            }
        }
    }

    /// <summary>The signed checkpoint kept beside the copy.</summary>
    public Task<string> ReadCheckpointAsync(CancellationToken cancellationToken) =>
        FileProblem.ReadingAsync(Checkpoint, path => File.ReadAllTextAsync(path, cancellationToken));

    /// <summary>
    /// Replaces the kept checkpoint with <paramref name="signedNote"/>, of the same size (the copy stays as it is): written
    /// beside it first and moved into its place, so a crash or Ctrl-C leaves the old note or the new one, never part of one.
    /// </summary>
    public async Task KeepCheckpointAsync(string signedNote, CancellationToken cancellationToken)
    {
        await StepAsync(NextCheckpoint, PathUse.WriteFile, () => File.WriteAllTextAsync(NextCheckpoint, signedNote, cancellationToken));
        Step(Checkpoint, PathUse.WriteFile, () => File.Move(NextCheckpoint, Checkpoint, overwrite: true));
    }

    /// <summary>Creates the next copy, holding the copy as it is when <paramref name="extendingCopy"/>, for the download to go on.</summary>
    public async Task<FileStream> CreateNextAsync(bool extendingCopy, CancellationToken cancellationToken)
    {
        var next = Step(Next, PathUse.WriteFile, () => File.Create(Next));
        try
        {
            if (extendingCopy)
            {
                await StepAsync(Next, PathUse.WriteFile, async () =>
                {
                    await using var old = File.OpenRead(Copy);
                    await old.CopyToAsync(next, cancellationToken);
                });
            }

            return next;
        }
        catch
        {
            await next.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="replay"/> over the next copy, once written.</summary>
    public T ReplayNext<T>(Func<string, T> replay) => Step(Next, PathUse.ReadFile, () => replay(Next));

    /// <summary>Puts the next copy, with <paramref name="signedNote"/> as its checkpoint, in the place of the copy and its checkpoint.</summary>
    public async Task ReplaceAsync(string signedNote, CancellationToken cancellationToken)
    {
        await StepAsync(NextCheckpoint, PathUse.WriteFile, () => File.WriteAllTextAsync(NextCheckpoint, signedNote, cancellationToken));

        // A crash between the two moves leaves a copy newer than its checkpoint file: the next run finds that (MirrorCommand.HeldAsync).
        Step(Copy, PathUse.WriteFile, () => File.Move(Next, Copy, overwrite: true));
        Step(Checkpoint, PathUse.WriteFile, () => File.Move(NextCheckpoint, Checkpoint, overwrite: true));
    }

    /// <summary>Deletes the next copy and checkpoint where a run left them.</summary>
    public void DeleteNext()
    {
        // Files only, and only those there: a delete failing (its folder removed) would hide the failure that stopped the run.
        foreach (var path in (string[])[Next, NextCheckpoint])
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }

    private T Step<T>(string path, PathUse use, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (FileProblem.IsUnexplained(e))
        {
            throw Explained(path, use, e);
        }
    }

    private void Step(string path, PathUse use, Action step) => Step(path, use, () =>
    {
        step();
        return true;
    });

    private async Task StepAsync(string path, PathUse use, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (FileProblem.IsUnexplained(e))
        {
            throw Explained(path, use, e);
        }
    }

    /// <summary>
    /// What went wrong with <paramref name="path"/>: what is plainly wrong with any of the files first (the folder removed
    /// names the copy, not a file the user never named), else the failure itself.
    /// </summary>
    private FileProblem Explained(string path, PathUse use, Exception failure)
    {
        ThrowIfUnwritable();
        return FileProblem.Of(path, failure, use);
    }
}
