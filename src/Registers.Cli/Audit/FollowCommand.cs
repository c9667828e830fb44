using Registers.Cli.Config;
using Registers.Cli.Writes;
using Registers.Client.Tracking;
using Registers.Client.Verification;

namespace Registers.Cli.Audit;

/// <summary>
/// <c>registers audit follow</c>: polls a register's latest checkpoint, verifies its signature and that it extends the last
/// one seen (kept in the state folder between runs); stops at the first failure, keeping the evidence of an inconsistency
/// or a rollback in the state folder.
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

        var store = new FollowState(FileProblem.Using(Environment.FullPath(settings.State ?? "~/.config/registers/audit"), PathUse.Folder, folder => new FileLogStateStore(folder)));
        store.ThrowIfUnwritable(register);
        var tracker = new LogStateTracker(run.Client, trust, store);
        while (true)
        {
            var before = await tracker.GetTrustedAsync(register, cancellationToken);
            VerifiedCheckpoint now;
            try
            {
                now = await tracker.UpdateAsync(register, cancellationToken);
            }
            catch (VerificationException failure) when (failure.Problem is VerificationProblem.Inconsistent or VerificationProblem.RolledBack)
            {
                // The tracker saves evidence of these two only; a refused signature leaves no file to point at.
                Diagnostic($"the evidence is kept in {store.EvidenceFile(register)}");
                throw;
            }

            run.Consoles.WriteResult(before is null ? $"{register}: first {now}, trusted on its signature"
                : before.Size == now.Size ? $"{register}: {now}, unchanged"
                : $"{register}: {now}, consistent with checkpoint {before.Size}");
            if (settings.Once)
            {
                return ExitCodes.Ok;
            }

            await Task.Delay(TimeSpan.FromSeconds(settings.Interval), cancellationToken);
        }
    }
}
