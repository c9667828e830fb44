using System.Globalization;
using Registers.Cli.Config;
using Registers.Cli.Writes;
using Registers.Client.Tracking;
using Registers.Client.Verification;
using Registers.Protocol.Entries;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Audit;

/// <summary>
/// <c>registers mirror FILE</c>: keeps a local RSF copy of a register up to date. Each run fetches the latest signed
/// checkpoint, checks it extends the one the copy was verified against (a consistency proof), downloads only the entries
/// the copy lacks, and replays the copy with them: the new file replaces the old only when it recomputes to the new root.
/// The copy's metadata is checked against the system log's signed checkpoint of its size too, and each newer checkpoint of
/// the system log against the one the copy's metadata was mirrored at, by a consistency proof, as for the entries.
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
        var state = new MirrorState(Path.GetDirectoryName(copy)!, register, trust, run.Client); // makes its folder: after the copy's is checked
        state.ThrowIfUnwritable();
        using var turn = await files.LockAsync(() => Diagnostic($"waiting for another mirror of {copy} to end (it holds {copy}.lock)"), cancellationToken);
        var tracker = state.Tracker;
        RsfVerification? heldReplay = null;
        if (File.Exists(copy))
        {
            var (checkpoint, replay) = await HeldAsync(run, trust, register, files, state, cancellationToken);
            await tracker.AcceptAsync(checkpoint, cancellationToken);
            heldReplay = replay;
        }

        var held = await tracker.GetTrustedAsync(register, cancellationToken);
        var latest = await state.SayingWhereAsync(() => tracker.UpdateAsync(register, cancellationToken), Diagnostic);
        var from = held?.Size ?? 0;
        // The system log's checkpoint the copy's metadata was mirrored at: every newer one must extend it, as for the entries.
        var heldMetadata = heldReplay is null ? null : await CopyMetadata.VerifyAsync(run, trust, register, heldReplay, cancellationToken);
        if (heldReplay is not null && held?.Size == latest.Size)
        {
            await files.KeepCheckpointAsync(latest.SignedNote, cancellationToken);
            run.Consoles.WriteResult($"{register}: {copy} is up to date at {latest}{await MetadataWaitingAsync(run, trust, register, state, heldMetadata, cancellationToken)}");
            return ExitCodes.Ok;
        }

        VerifiedCheckpoint? metadata;
        try
        {
            await using (var file = await files.CreateNextAsync(extendingCopy: held is not null, cancellationToken))
            {
                await RsfSteps.DownloadAsync(run, trust, Name, from, latest, file, cancellationToken);
            }

            var replay = files.ReplayNext(next => RsfSteps.Replay(run.Consoles, Name, $"checking {Counted.Of(latest.Size, "entry", "entries")}", next,
                (rsf, progress) => RsfCopy.Verify(latest, rsf, progress: progress, cancellationToken: cancellationToken)));
            metadata = await CopyMetadata.VerifyAsync(run, trust, register, replay, cancellationToken);
            await state.ExtendSystemLogAsync(Diagnostic, cancellationToken, heldMetadata, metadata);

            await files.ReplaceAsync(latest.SignedNote, cancellationToken);
        }
        finally
        {
            files.DeleteNext();
        }

        var grown = string.Create(CultureInfo.InvariantCulture, $"{Counted.Of(latest.Size, "entry", "entries")} (+{latest.Size - from:N0})");
        run.Consoles.WriteResult($"{register}: {copy} holds {grown}, verified against {latest}{await MetadataWaitingAsync(run, trust, register, state, metadata, cancellationToken)}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Words saying how many metadata entries the server's system log holds past the copy's, if any. RSF ties metadata to
    /// the user entries written after it, so metadata written since the copy's last entry (a key revoked, say) reaches the
    /// copy only with a later entry. Asked once the copy is in place, so a failure here loses no download.
    /// </summary>
    /// <exception cref="VerificationException">The system log is smaller than the size the copy's metadata was signed at,
    /// or its latest checkpoint does not extend that one (an inconsistency, or a refused proof) or signs a false root for the
    /// empty tree: then the evidence is kept.</exception>
    private async Task<string> MetadataWaitingAsync(
        ServerRun run, CheckpointTrust trust, string register, MirrorState state, VerifiedCheckpoint? copyMetadata, CancellationToken cancellationToken)
    {
        var latest = await SystemCheckpointAsync(run, trust, register, state, cancellationToken);
        var waiting = latest.Size - (copyMetadata?.Size ?? 0);
        if (waiting < 0)
        {
            throw await state.KeptForSystemLogAsync(new VerificationException(VerificationProblem.RolledBack, register,
                "The server's latest system checkpoint is of fewer metadata entries than the one the copy's metadata matches: its system log was rolled back.",
                $"at least {Counted.Of(copyMetadata!.Size, "system entry", "system entries")}", Counted.Of(latest.Size, "system entry", "system entries"))
            {
                TrustedCheckpoint = copyMetadata.SignedNote,
                NewerCheckpoint = latest.SignedNote,
            }, Diagnostic);
        }

        await state.ExtendSystemLogAsync(Diagnostic, cancellationToken, copyMetadata, latest);
        return waiting == 0
            ? ""
            : $"; the server holds {Counted.Of(waiting, "metadata entry", "metadata entries")} past the copy's, which RSF brings with later entries";
    }

    /// <summary>The server's latest checkpoint of the system log, verified; a signed false root for its empty tree is kept as evidence.</summary>
    private async Task<VerifiedCheckpoint> SystemCheckpointAsync(ServerRun run, CheckpointTrust trust, string register, MirrorState state, CancellationToken cancellationToken)
    {
        var note = await run.Client.GetCheckpointAsync(register, EntryLog.System, null, cancellationToken);
        try
        {
            return trust.VerifySystem(register, note);
        }
        catch (VerificationException falseRoot) when (falseRoot.Problem == VerificationProblem.ContentsMismatch)
        {
            throw await state.KeptForSystemLogAsync(falseRoot, Diagnostic);
        }
    }

    /// <summary>
    /// The signed checkpoint the copy holds: the one kept beside it, after replaying the copy to that root. When the copy
    /// is of another size (a run stopped between replacing the copy and its checkpoint file), the server's checkpoint of
    /// the copy's size, which must have the copy's root and extend the kept one.
    /// </summary>
    private async Task<(VerifiedCheckpoint Checkpoint, RsfVerification Replay)> HeldAsync(
        ServerRun run, CheckpointTrust trust, string register, MirrorFiles files, MirrorState state, CancellationToken cancellationToken)
    {
        var copy = files.Copy;
        if (!File.Exists(files.Checkpoint))
        {
            throw new ConfigException($"{copy} exists but {files.Checkpoint} does not: the copy's checkpoint is unknown, so it cannot be extended.");
        }

        var kept = KeptCheckpoint(trust, register, files, await files.ReadCheckpointAsync(cancellationToken));
        var checking = $"checking {Path.GetFileName(copy)}";
        var replay = RsfSteps.Replay(run.Consoles, Name, checking, copy,
            (rsf, progress) => Protocol.Rsf.RsfVerifier.Verify(rsf, progress: progress, cancellationToken: cancellationToken));
        var entries = (long)replay.UserEntries;

        // Up to here nothing came from the server: a copy that does not match its own checkpoint was altered here.
        if (entries < kept.Size)
        {
            throw AlteredHere(files, register, $"it holds {Counted.Of(entries, "entry", "entries")}, fewer than its checkpoint's", kept,
                Counted.Of(kept.Size, "entry", "entries"), Counted.Of(entries, "entry", "entries"));
        }

        if (entries == kept.Size || !replay.IsValid)
        {
            try
            {
                return (kept, RsfSteps.Replay(run.Consoles, Name, checking, copy, (rsf, progress) => RsfCopy.Verify(kept, rsf, progress: progress, cancellationToken: cancellationToken)));
            }
            catch (VerificationException mismatch)
            {
                throw AlteredHere(files, register, $"it does not recompute to its checkpoint's root ({mismatch.Message})", kept, mismatch.Expected, mismatch.Actual);
            }
        }

        // More entries than its checkpoint: a run stopped between replacing the copy and its checkpoint file, or a copy
        // altered here; the server's checkpoint of the copy's size tells which.
        VerifiedCheckpoint atCopy;
        try
        {
            atCopy = trust.Verify(register, await run.Client.GetCheckpointAsync(register, entries, cancellationToken));
        }
        catch (Client.Problems.RegistersException noSuchTree) when (noSuchTree.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Either side may be at fault: a copy grown here, or a server that lost a tree it signed (a run stopped
            // between replacing the copy and its checkpoint leaves that checkpoint in FILE.next.checkpoint).
            throw new VerificationException(VerificationProblem.ContentsMismatch, register,
                $"{copy} holds {Counted.Of(entries, "entry", "entries")}, more than its checkpoint {files.Checkpoint} ({kept.Size}), and the server has no tree of {entries}: " +
                "the copy was altered here, or the server lost a tree it signed (a rollback) after a run that was stopped before it replaced the checkpoint file.",
                $"at most {Counted.Of(kept.Size, "entry", "entries")}, or a tree of {entries} on the server", noSuchTree.Message)
            {
                TrustedCheckpoint = kept.SignedNote,
            };
        }

        var tracker = state.Tracker;
        await tracker.AcceptAsync(kept, cancellationToken);
        await state.SayingWhereAsync(() => tracker.AcceptAsync(atCopy, cancellationToken), Diagnostic);
        try
        {
            return (atCopy, RsfSteps.Replay(run.Consoles, Name, checking, copy, (rsf, progress) => RsfCopy.Verify(atCopy, rsf, progress: progress, cancellationToken: cancellationToken)));
        }
        catch (VerificationException mismatch)
        {
            throw new VerificationException(mismatch.Problem, register,
                $"{copy} holds {Counted.Of(entries, "entry", "entries")}, more than its checkpoint's {kept.Size}, and does not recompute to the server's signed checkpoint of {entries}: " +
                $"the copy was altered here, or the server signed another tree of that size. {mismatch.Message}",
                mismatch.Expected, mismatch.Actual)
            {
                TrustedCheckpoint = kept.SignedNote,
                NewerCheckpoint = atCopy.SignedNote,
            };
        }
    }

    /// <summary>
    /// <paramref name="note"/>, read from the checkpoint file beside the copy, verified. Refused, it is named as the file's:
    /// altered here, or another log's, it is no checkpoint the server just served.
    /// </summary>
    private static VerifiedCheckpoint KeptCheckpoint(CheckpointTrust trust, string register, MirrorFiles files, string note)
    {
        try
        {
            return trust.Verify(register, note);
        }
        catch (VerificationException refused)
        {
            throw new VerificationException(refused.Problem, register,
                $"The checkpoint kept beside the copy ({files.Checkpoint}) does not verify: {refused.Message} It was altered, or is another register's " +
                "or log's, or another log key is pinned now. The server is not in question; move the copy and its checkpoint aside to mirror afresh.",
                refused.Expected, refused.Actual)
            {
                TrustedCheckpoint = note,
            };
        }
    }

    /// <summary>The refusal of a copy that no longer matches the checkpoint kept beside it: a fault of the copy's, not the server's.</summary>
    private static VerificationException AlteredHere(MirrorFiles files, string register, string why, VerifiedCheckpoint kept, string? expected, string? actual) =>
        new(VerificationProblem.ContentsMismatch, register,
            $"{files.Copy} was altered since it was verified against the checkpoint kept beside it ({files.Checkpoint}): {why}. " +
            "The server is not in question; move the copy and its checkpoint aside to mirror afresh.",
            expected, actual)
        {
            TrustedCheckpoint = kept.SignedNote,
        };
}
