using Registers.Cli.Writes;
using Registers.Client.Verification;
using Registers.Protocol.Entries;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Audit;

/// <summary>
/// Checks the metadata a copy of a whole register carries (RSF interleaves system entries with user entries): exactly as
/// many system entries as the log key signed the register held at the copy's user size, recomputing to the system log's
/// signed root of that size. Without the count, a copy could leave out metadata written among its entries (a custodian
/// key's revocation, say) and still match both logs' checkpoints, at a smaller size of the system log.
/// </summary>
internal static class CopyMetadata
{
    /// <summary>Checks <paramref name="replay"/>'s system entries against the server's signed statements.</summary>
    /// <returns>The system log's checkpoint the copy's metadata matches; null when it holds none (a register with no entries yet).</returns>
    /// <exception cref="VerificationException">Not as many system entries as signed, or not the signed system log.</exception>
    public static async Task<VerifiedCheckpoint?> VerifyAsync(ServerRun run, CheckpointTrust trust, string register, RsfVerification replay, CancellationToken cancellationToken)
    {
        var userSize = (long)replay.UserEntries;
        var (note, signed) = await SignedAsync(run, trust, register, userSize, cancellationToken);
        if ((long)replay.SystemEntries != signed)
        {
            throw new VerificationException(VerificationProblem.ContentsMismatch, register,
                $"The copy carries {Counted.Of((long)replay.SystemEntries, "system entry", "system entries")} (metadata) with its {Counted.Of(userSize, "entry", "entries")}, but the log key signed that the register held {signed} then: metadata was left out of the download, or added to it.",
                $"{Counted.Of(signed, "system entry", "system entries")}, as signed:\n{note.TrimEnd()}", Counted.Of((long)replay.SystemEntries, "system entry", "system entries"));
        }

        if (signed == 0)
        {
            return null;
        }

        var system = trust.VerifySystem(register, await run.Client.GetCheckpointAsync(register, EntryLog.System, signed, cancellationToken));
        RsfCopy.VerifySystem(system, replay);
        return system;
    }

    /// <summary>How many system entries the log key signed a copy of <paramref name="register"/> up to <paramref name="userSize"/> carries: none at 0.</summary>
    /// <exception cref="VerificationException">The server's statement is not signed, or is of another size.</exception>
    public static async Task<long> SignedCountAsync(ServerRun run, CheckpointTrust trust, string register, long userSize, CancellationToken cancellationToken) =>
        userSize == 0 ? 0 : (await SignedAsync(run, trust, register, userSize, cancellationToken)).Count;

    private static async Task<(string Note, long Count)> SignedAsync(ServerRun run, CheckpointTrust trust, string register, long userSize, CancellationToken cancellationToken)
    {
        var note = await run.Client.GetMetadataSizeAsync(register, userSize, cancellationToken);
        return (note, trust.VerifyMetadataSize(register, note, userSize));
    }
}
