using System.Net;
using Registers.Client.Problems;

namespace Registers.Cli;

/// <summary>The exit codes of every <c>registers</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Done, and nothing was wrong.</summary>
    public const int Ok = 0;

    /// <summary>
    /// The command ran and found problems in what it checked (an RSF file with errors, CSV rows that break the register's
    /// rules), or the server refused the write (the problem is printed); nothing more was sent after that.
    /// </summary>
    public const int ProblemsFound = 1;

    /// <summary>
    /// The command could not run: no command named (the help is printed on standard error), bad arguments or
    /// configuration, a missing or unreadable file.
    /// </summary>
    public const int UsageOrIoError = 2;

    /// <summary>
    /// The server could not be reached, timed out (or answered 408, its own timeout), failed (5xx), was too busy (429) even
    /// after retries, or sent its answer slower than the client's minimum rate: run the command again later; a load resumes
    /// where the log stands.
    /// </summary>
    public const int Unavailable = 3;

    /// <summary>
    /// The exit code of a server's error answer: <see cref="Unavailable"/> for one a later try may not get (408, 429, 5xx),
    /// else <see cref="ProblemsFound"/> (a refusal of what was asked).
    /// </summary>
    /// <remarks>A 408 is the server giving up on a request that came too slowly: a timeout, though the server's, not a refusal.</remarks>
    public static int Of(RegistersException answer) =>
        answer.IsTransient || answer.StatusCode == HttpStatusCode.RequestTimeout || (int)answer.StatusCode >= 500 ? Unavailable : ProblemsFound;

    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as a shell reports a command the signal ended): its temporary files deleted; run it again.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit codes as the help text of <c>verify</c> lists them.</summary>
    public const string Help = "Exit codes: 0 no problems; 1 problems found in the file; 2 usage or I/O error (bad arguments, missing or unreadable file); 130 interrupted (Ctrl-C).";

    /// <summary>The exit codes as the help text of the commands that write lists them.</summary>
    public const string WriteHelp = "Exit codes: 0 done; 1 refused by the server, or problems found in the input (nothing sent); "
        + "2 usage, configuration or I/O error; 3 server unreachable, timed out (or answering 408, its own timeout), failing or too busy: "
        + "run again (a load or import resumes where the log stands); 130 interrupted (Ctrl-C).";

    /// <summary>The exit codes as the help text of the commands that verify lists them.</summary>
    public const string VerifyHelp = "Exit codes: 0 verified; 1 not verified (the reason on standard error, the evidence on standard output), "
        + "or no such register or record; 2 usage, configuration or I/O error (no --key-file, an address that is no register server's); "
        + "3 server unreachable, failing, timed out (or answering 408, its own timeout), or answering too slowly; 130 interrupted (Ctrl-C).";
}
