using Registers.Cli.Config;
using Registers.Cli.Writes;
using Registers.Client.Verification;

namespace Registers.Cli.Audit;

/// <summary>
/// <c>registers audit full</c>: downloads the whole register as RSF up to its latest signed checkpoint and recomputes every
/// item hash, entry leaf, the chain hash and the root from scratch, comparing them with the checkpoint.
/// </summary>
internal sealed class FullAuditCommand(CliConsoles consoles, CliEnvironment environment) : VerifyingCommand<TrustSettings>(consoles, environment)
{
    protected override string Name => "audit full";

    protected override async Task<int> VerifyAsync(ServerRun run, TrustSettings settings, CheckpointTrust trust, CancellationToken cancellationToken)
    {
        var register = run.Config.RequireRegister();
        var checkpoint = trust.Verify(register, await run.Client.GetCheckpointAsync(register, null, cancellationToken));
        var download = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(download))
            {
                await RsfSteps.DownloadAsync(run, trust, Name, 0, checkpoint, file, cancellationToken);
            }

            var chainHash = checkpoint.Size == 0 ? null : (await run.Client.GetEntryAsync(register, checkpoint.Size, cancellationToken)).ChainHash;
            var replay = RsfSteps.Replay(run.Consoles, Name, $"checking {Counted.Of(checkpoint.Size, "entry", "entries")}", download,
                (rsf, progress) => RsfCopy.Verify(checkpoint, rsf, chainHash, progress, cancellationToken));
            // The download carries the metadata written up to the write of its last entry: as many entries as signed for that size.
            if (await CopyMetadata.VerifyAsync(run, trust, register, replay, cancellationToken) is { } system)
            {
                run.Consoles.WriteResult($"system log verified against checkpoint {system.Size} (root {system.Checkpoint.Root})");
            }

            run.Consoles.WriteResult($"{register}: {Counted.Of((long)replay.UserEntries, "entry", "entries")}, {Counted.Of((long)replay.SystemEntries, "system entry", "system entries")} and {Counted.Of((long)replay.Items, "item")} recomputed");
            run.Consoles.WriteResult($"verified against {checkpoint}");
            return ExitCodes.Ok;
        }
        finally
        {
            File.Delete(download);
        }
    }
}
