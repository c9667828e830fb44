using Registers.Protocol.Rsf;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Registers.Cli.Verify;

/// <summary><c>registers verify FILE</c>: replays an RSF file offline with <see cref="RsfVerifier"/> and reports what it found.</summary>
internal sealed class VerifyCommand(CliConsoles consoles) : Command<VerifySettings>
{
    public override int Execute(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        var options = new RsfVerifyOptions { MaxLineLength = settings.MaxLineLength, MaxProblemsKept = settings.MaxProblems };
        RsfVerification result;
        try
        {
            // No FileStream buffer: the reader reads in large blocks into its own.
            using var file = new FileStream(settings.File, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            result = VerifyProgress.Run(consoles, file, progress => RsfVerifier.Verify(file, options, progress, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            consoles.WriteDiagnostic($"registers verify: {FileProblem.Of(settings.File, e, PathUse.ReadFile).Message}");
            return ExitCodes.UsageOrIoError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            consoles.WriteDiagnostic($"registers verify: interrupted before the end of {settings.File}: nothing was verified");
            return ExitCodes.Interrupted;
        }

        VerifyReport.Write(consoles, result);
        return result.IsValid ? ExitCodes.Ok : ExitCodes.ProblemsFound;
    }
}
