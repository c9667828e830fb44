using Registers.Cli.Config;
using Registers.Cli.Writes;
using Registers.Client.Verification;

namespace Registers.Cli.Audit;

/// <summary>
/// The frame of the commands that verify: reads the pinned log key, and turns a failed check into its evidence on standard
/// output and exit code 1 (<see cref="ExitCodes.ProblemsFound"/>).
/// </summary>
internal abstract class VerifyingCommand<TSettings>(CliConsoles consoles, CliEnvironment environment) : ServerCommand<TSettings>(consoles, environment)
    where TSettings : TrustSettings
{
    protected sealed override bool Writes => false;

    protected override string InterruptedMessage(bool sentWrites) => "interrupted before the check was done: nothing more was verified";

    /// <summary>The command's work, with the pinned key.</summary>
    protected abstract Task<int> VerifyAsync(ServerRun run, TSettings settings, CheckpointTrust trust, CancellationToken cancellationToken);

    protected sealed override async Task<int> RunAsync(ServerRun run, TSettings settings, CancellationToken cancellationToken)
    {
        var trust = ReadTrust(settings);
        try
        {
            return await VerifyAsync(run, settings, trust, cancellationToken);
        }
        catch (VerificationException failure)
        {
            Diagnostic($"NOT VERIFIED: {failure.Message}");
            foreach (var line in failure.Evidence())
            {
                run.Consoles.WriteResult(line);
            }

            if (failure.EvidenceNotKept is { } notKept)
            {
                Diagnostic($"the evidence above could not be kept in a file: {notKept.Message}");
            }

            return ExitCodes.ProblemsFound;
        }
    }

    private CheckpointTrust ReadTrust(TSettings settings)
    {
        if (string.IsNullOrEmpty(settings.LogKeyFile))
        {
            throw new ConfigException("--key-file is required: the server's log key, pinned (a key fetched from the server it checks proves nothing).");
        }

        var path = Environment.FullPath(settings.LogKeyFile);
        try
        {
            return CheckpointTrust.FromKeyFile(FileProblem.Reading(path, File.ReadAllText));
        }
        catch (FormatException e)
        {
            throw new ConfigException($"{path}: not a log key: {e.Message}");
        }
    }
}
