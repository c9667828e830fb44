using Registers.Cli.Config;
using Registers.Cli.Writes;
using Registers.Client.Tracking;
using Registers.Client.Verification;

namespace Registers.Cli.Audit;

/// <summary>
/// <c>registers audit follow</c>: polls a register's latest checkpoints, of its entries and of its metadata (the system
/// log), verifies their signatures and that each extends the last one seen of its log (kept in the state folder between
/// runs); stops at the first failure, keeping the evidence of an inconsistency, a rollback, a refused consistency proof or
/// a signed false root for the empty tree in the state folder.
/// </summary>
internal sealed class FollowCommand(CliConsoles consoles, CliEnvironment environment) : VerifyingCommand<FollowSettings>(consoles, environment)
{
    protected override string Name => "audit follow";

    protected override async Task<int> VerifyAsync(ServerRun run, FollowSettings settings, CheckpointTrust trust, CancellationToken cancellationToken)
    {
        var register = run.Config.RequireRegister();
        // At most a day: a wait longer than 49 days is more than the timer takes.
        if (settings.Interval is < 1 or > 86_400)
        {
            throw new ConfigException("--interval must be 1 to 86,400 seconds (a day).");
        }

        var folder = FileProblem.Using(Environment.FullPath(settings.State ?? "~/.config/registers/audit"), PathUse.Folder, folder => new FileLogStateStore(folder));
        // One state for both logs: their trackers keep them apart (the system log's as school.system).
        var state = new FollowState(folder);
        var entries = new FollowedLog("", new LogStateTracker(run.Client, trust, state));
        var metadata = new FollowedLog("system log: ", new LogStateTracker(new SystemLogSource(run.Client), trust.ForSystemLogs(), state));
        state.ThrowIfUnwritable(entries.Tracker.StateName(register));
        state.ThrowIfUnwritable(metadata.Tracker.StateName(register));
        while (true)
        {
            foreach (var log in new[] { entries, metadata })
            {
                run.Consoles.WriteResult(await RoundAsync(log, state, register, cancellationToken));
            }

            if (settings.Once)
            {
                return ExitCodes.Ok;
            }

            await Task.Delay(TimeSpan.FromSeconds(settings.Interval), cancellationToken);
        }
    }

    /// <summary>One look at one log: its latest checkpoint, accepted if it extends the last one seen; the line that says so.</summary>
    private async Task<string> RoundAsync(FollowedLog log, FollowState state, string register, CancellationToken cancellationToken)
    {
        var before = await log.Tracker.GetTrustedAsync(register, cancellationToken);
        VerifiedCheckpoint now;
        try
        {
            now = await log.Tracker.UpdateAsync(register, cancellationToken);
        }
        catch (VerificationException failure) when (failure.Problem is VerificationProblem.Inconsistent or VerificationProblem.RolledBack or VerificationProblem.ProofRefused
                                                        or VerificationProblem.ContentsMismatch
                                                    && failure.EvidenceNotKept is null)
        {
            // The tracker saves evidence of these only (a mismatch of contents is, from it, a signed false root for the
            // empty tree); a refused signature leaves no file to point at, and evidence whose write failed (a full disk) is
            // said not to be kept when the failure is printed.
            Diagnostic($"the evidence is kept in {state.EvidenceFile(log.Tracker.StateName(register))}");
            throw;
        }

        return before is null ? $"{register}: {log.Label}first {now}, trusted on its signature"
            : before.Size == now.Size ? $"{register}: {log.Label}{now}, unchanged"
            : $"{register}: {log.Label}{now}, consistent with checkpoint {before.Size}";
    }

    /// <summary>A log followed: the words that name it in a result line, and its tracker.</summary>
    private sealed record FollowedLog(string Label, LogStateTracker Tracker);
}
