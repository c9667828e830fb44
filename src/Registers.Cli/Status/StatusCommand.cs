using Registers.Cli.Config;
using Registers.Cli.Writes;
using Spectre.Console.Cli;

namespace Registers.Cli.Status;

/// <summary>
/// <c>registers status</c>: the size and root of the register's user and system logs and the latest checkpoint the
/// server signed, as the server states them (the checkpoint is shown, not verified: that is an auditor's command).
/// </summary>
internal sealed class StatusCommand(CliConsoles consoles, CliEnvironment environment) : ServerCommand<RegisterSettings>(consoles, environment)
{
    protected override string Name => "status";

    protected override bool Writes => false;

    protected override async Task<int> RunAsync(ServerRun run, RegisterSettings settings, CancellationToken cancellationToken)
    {
        var register = run.Config.RequireRegister();
        var status = await run.Client.GetStatusAsync(register, cancellationToken);
        if (status is null)
        {
            Diagnostic($"there is no register '{register}' at {run.Config.Server}");
            return ExitCodes.ProblemsFound;
        }

        run.Consoles.WriteResult($"register: {register}");
        run.Consoles.WriteResult($"server: {run.Config.Server}");
        run.Consoles.WriteResult($"size: {status.User.Size}");
        run.Consoles.WriteResult($"root: {status.User.Root}");
        run.Consoles.WriteResult($"system size: {status.System.Size}");
        run.Consoles.WriteResult($"system root: {status.System.Root}");
        run.Consoles.WriteResult("checkpoint:");
        foreach (var line in status.User.Checkpoint.TrimEnd('\n').Split('\n'))
        {
            run.Consoles.WriteResult("  " + line);
        }

        return ExitCodes.Ok;
    }
}
