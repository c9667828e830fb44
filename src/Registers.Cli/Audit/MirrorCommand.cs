using System.Globalization;
using Registers.Cli.Config;
using Registers.Cli.Writes;
using Registers.Client.Tracking;
using Registers.Client.Verification;

namespace Registers.Cli.Audit;

/// <summary>
/// <c>registers mirror FILE</c>: keeps a local RSF copy of a register up to date. Each run fetches the latest signed
/// checkpoint, checks it extends the one the copy was verified against (a consistency proof), downloads only the entries
/// the copy lacks, and replays the copy with them: the new file replaces the old only when it recomputes to the new root.
/// </summary>
internal sealed class MirrorCommand(CliConsoles consoles, CliEnvironment environment) : VerifyingCommand<MirrorSettings>(consoles, environment)
{
    protected override string Name => "mirror";

    protected override async Task<int> VerifyAsync(ServerRun run, MirrorSettings settings, CheckpointTrust trust, CancellationToken cancellationToken)
    {
        var register = run.Config.RequireRegister();
        var files = new MirrorFiles(Environment.FullPath(settings.File));
        var copy = files.Copy;

        // Before anything is downloaded: a file that cannot be written would fail only at the end.
        files.ThrowIfUnwritable();
        var tracker = new LogStateTracker(run.Client, trust, new MemoryLogStateStore());
        if (File.Exists(copy))
        {
            await tracker.AcceptAsync(await HeldAsync(run, trust, register, files, cancellationToken), cancellationToken);
        }

        var held = await tracker.GetTrustedAsync(register, cancellationToken);
        var latest = await tracker.UpdateAsync(register, cancellationToken);
        var from = held?.Size ?? 0;
        if (held is not null && held.Size == latest.Size)
        {
            await files.KeepCheckpointAsync(latest.SignedNote, cancellationToken);
            run.Consoles.WriteResult($"{register}: {copy} is up to date at {latest}");
            return ExitCodes.Ok;
        }

        try
        {
            await using (var file = await files.CreateNextAsync(extendingCopy: held is not null, cancellationToken))
            {
                await RsfSteps.DownloadAsync(run, Name, register, from, latest.Size, file, cancellationToken);
            }

            files.ReplayNext(next => RsfSteps.Replay(run.Consoles, Name, string.Create(CultureInfo.InvariantCulture, $"checking {latest.Size:N0} entries"), next,
                (rsf, progress) => RsfCopy.Verify(latest, rsf, progress: progress, cancellationToken: cancellationToken)));

            await files.ReplaceAsync(latest.SignedNote, cancellationToken);
        }
        finally
        {
            files.DeleteNext();
        }

        run.Consoles.WriteResult($"{register}: {copy} holds {latest.Size} entries (+{latest.Size - from}), verified against {latest}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The signed checkpoint the copy holds: the one kept beside it, after replaying the copy to that root. When the copy
    /// is of another size (a run stopped between replacing the copy and its checkpoint file), the server's checkpoint of
    /// the copy's size, which must have the copy's root and extend the kept one.
    /// </summary>
    private async Task<VerifiedCheckpoint> HeldAsync(ServerRun run, CheckpointTrust trust, string register, MirrorFiles files, CancellationToken cancellationToken)
    {
        var copy = files.Copy;
        if (!File.Exists(files.Checkpoint))
        {
            throw new ConfigException($"{copy} exists but {files.Checkpoint} does not: the copy's checkpoint is unknown, so it cannot be extended.");
        }

        var kept = trust.Verify(register, await files.ReadCheckpointAsync(cancellationToken));
        var checking = $"checking {Path.GetFileName(copy)}";
        var replay = RsfSteps.Replay(run.Consoles, Name, checking, copy,
            (rsf, progress) => Protocol.Rsf.RsfVerifier.Verify(rsf, progress: progress, cancellationToken: cancellationToken));
        if ((long)replay.UserEntries == kept.Size || !replay.IsValid)
        {
            RsfSteps.Replay(run.Consoles, Name, checking, copy, (rsf, progress) => RsfCopy.Verify(kept, rsf, progress: progress, cancellationToken: cancellationToken));
            return kept;
        }

        var atCopy = trust.Verify(register, await run.Client.GetCheckpointAsync(register, (long)replay.UserEntries, cancellationToken));
        var tracker = new LogStateTracker(run.Client, trust);
        await tracker.AcceptAsync(kept, cancellationToken);
        await tracker.AcceptAsync(atCopy, cancellationToken);
        RsfSteps.Replay(run.Consoles, Name, checking, copy, (rsf, progress) => RsfCopy.Verify(atCopy, rsf, progress: progress, cancellationToken: cancellationToken));
        return atCopy;
    }
}
