using Registers.Cli.Config;
using Registers.Cli.Writes;
using Registers.Client.Verification;

namespace Registers.Cli.Audit;

/// <summary>
/// <c>registers verify-record KEY</c>: looks a record up and proves it (checkpoint signature, item hashes, entry leaf,
/// inclusion proof), printing it with the checkpoint it was verified against, or the reason it could not be. With
/// <c>--state</c> the checkpoint must also extend the last one kept there (a consistency proof).
/// </summary>
internal sealed class VerifyRecordCommand(CliConsoles consoles, CliEnvironment environment) : VerifyingCommand<VerifyRecordSettings>(consoles, environment)
{
    protected override string Name => "verify-record";

    protected override async Task<int> VerifyAsync(ServerRun run, VerifyRecordSettings settings, CheckpointTrust trust, CancellationToken cancellationToken)
    {
        var register = run.Config.RequireRegister();
        // Without state any signed checkpoint passes, however old; with it, only one that extends the last kept.
        var store = settings.State is null
            ? null
            : new FollowState(FileProblem.Using(Environment.FullPath(settings.State), PathUse.Folder, folder => new Client.Tracking.FileLogStateStore(folder)));
        store?.ThrowIfUnwritable(register);
        var record = await new VerifyingClient(run.Client, trust, store).GetVerifiedRecordAsync(register, settings.RecordKey, cancellationToken);
        if (record is null)
        {
            Diagnostic($"'{register}' has no record '{settings.RecordKey}'");
            return ExitCodes.ProblemsFound;
        }

        run.Consoles.WriteResult($"key: {record.Key}");
        run.Consoles.WriteResult($"entry: {record.EntryNumber}");
        run.Consoles.WriteResult($"timestamp: {record.Timestamp}");
        foreach (var item in record.Items)
        {
            run.Consoles.WriteResult($"item: {item}");
        }

        run.Consoles.WriteResult($"verified against {record.Checkpoint}");
        // An inclusion proof cannot show that no later entry of the key exists: say so where people read, not in the results.
        run.Consoles.WriteDiagnostic($"entry {record.EntryNumber} is proved to be in the log; that it is the latest of '{record.Key}' is the server's word (audit full checks every entry)");
        return ExitCodes.Ok;
    }
}
