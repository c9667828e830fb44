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
        var copy = Environment.FullPath(settings.File);
        var sidecar = copy + ".checkpoint";

        // Before anything is downloaded: a copy that cannot be written would fail only at the end.
        FileProblem.ThrowIfEvident(copy, PathUse.WriteFile);
        var tracker = new LogStateTracker(run.Client, trust, new MemoryLogStateStore());
        if (File.Exists(copy))
        {
            await tracker.AcceptAsync(await HeldAsync(run, trust, register, copy, sidecar, cancellationToken), cancellationToken);
        }

        var held = await tracker.GetTrustedAsync(register, cancellationToken);
        var latest = await tracker.UpdateAsync(register, cancellationToken);
        var from = held?.Size ?? 0;
        if (held is not null && held.Size == latest.Size)
        {
            await File.WriteAllTextAsync(sidecar, latest.SignedNote, cancellationToken);
            run.Consoles.WriteResult($"{register}: {copy} is up to date at {latest}");
            return ExitCodes.Ok;
        }

        var next = copy + ".next";
        try
        {
            await using (var file = File.Create(next))
            {
                if (held is not null)
                {
                    await using var old = File.OpenRead(copy);
                    await old.CopyToAsync(file, cancellationToken);
                }

                await RsfSteps.DownloadAsync(run, Name, register, from, latest.Size, file, cancellationToken);
            }

            RsfSteps.Replay(run.Consoles, Name, string.Create(CultureInfo.InvariantCulture, $"checking {latest.Size:N0} entries"), next,
                (rsf, progress) => RsfCopy.Verify(latest, rsf, progress: progress, cancellationToken: cancellationToken));

            // A crash between the two moves leaves a copy newer than its checkpoint file: the next run finds that (HeldAsync).
            await File.WriteAllTextAsync(next + ".checkpoint", latest.SignedNote, cancellationToken);
            File.Move(next, copy, overwrite: true);
            File.Move(next + ".checkpoint", sidecar, overwrite: true);
        }
        finally
        {
            File.Delete(next);
            File.Delete(next + ".checkpoint");
        }

        run.Consoles.WriteResult($"{register}: {copy} holds {latest.Size} entries (+{latest.Size - from}), verified against {latest}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The signed checkpoint the copy holds: the one kept beside it, after replaying the copy to that root. When the copy
    /// is of another size (a run stopped between replacing the copy and its checkpoint file), the server's checkpoint of
    /// the copy's size, which must have the copy's root and extend the kept one.
    /// </summary>
    private async Task<VerifiedCheckpoint> HeldAsync(ServerRun run, CheckpointTrust trust, string register, string copy, string sidecar, CancellationToken cancellationToken)
    {
        if (!File.Exists(sidecar))
        {
            throw new ConfigException($"{copy} exists but {sidecar} does not: the copy's checkpoint is unknown, so it cannot be extended.");
        }

        var kept = trust.Verify(register, await File.ReadAllTextAsync(sidecar, cancellationToken));
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
