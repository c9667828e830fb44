namespace Registers.Cli;

/// <summary>
/// A command line that stops before naming a command: <c>registers</c> alone, or a branch alone (<c>registers audit</c>).
/// Spectre answers it with the help and exit code 0 at the top, 1 on a branch; here it is a usage error like any other
/// (<see cref="ExitCodes.UsageOrIoError"/>), so a script that lost its command fails. Help asked for with <c>--help</c>
/// is not this: it is the answer, exit 0.
/// </summary>
internal static class MissingCommand
{
    /// <summary>Whether <paramref name="args"/> name no command: none at all, or only one of <paramref name="branches"/>.</summary>
    public static bool In(IReadOnlyList<string> args, IReadOnlyCollection<string> branches) =>
        args.Count == 0 || (args.Count == 1 && branches.Contains(args[0]));

    /// <summary>
    /// Writes the help <paramref name="args"/> lead to and a line saying what is missing, both to standard error (a
    /// mistake's output, not a result to pipe on), and returns the usage error's code.
    /// </summary>
    public static async Task<int> ReportAsync(IReadOnlyList<string> args, CliConsoles consoles, Func<CliConsoles, Spectre.Console.Cli.CommandApp> app)
    {
        await app(consoles with { Out = consoles.Error }).RunAsync([.. args, "--help"]);
        consoles.WriteDiagnostic($"registers{string.Concat(args.Select(arg => " " + arg))}: no command given: name one of the commands above");
        return ExitCodes.UsageOrIoError;
    }
}
