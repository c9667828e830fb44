namespace Registers.Cli;

/// <summary>The exit codes of every <c>registers</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Done, and nothing was wrong.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found problems in what it checked (an RSF file with errors, say).</summary>
    public const int ProblemsFound = 1;

    /// <summary>The command could not run: bad arguments, a missing or unreadable file.</summary>
    public const int UsageOrIoError = 2;

    /// <summary>The exit codes as the help text lists them.</summary>
    public const string Help = "Exit codes: 0 no problems; 1 problems found in the file; 2 usage or I/O error (bad arguments, missing or unreadable file).";
}
