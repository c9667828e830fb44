namespace Registers.Cli;

/// <summary>
/// <c>-</c> for a file read from standard input, as most Unix commands take it (<c>gunzip -c x.rsf.gz | registers verify -</c>).
/// The parser would take a lone <c>-</c> for an option without a name; the commands that read a file are given
/// <c>/dev/stdin</c> for it, which they read as a pipe (once, without a length to show progress against).
/// </summary>
internal static class StandardInputArgument
{
    /// <summary>The commands whose arguments name files they read.</summary>
    private static readonly string[] Readers = ["verify", "load", "import", "create"];

    /// <summary><paramref name="args"/> with each lone <c>-</c> of a reading command as <c>/dev/stdin</c>; as they are elsewhere.</summary>
    public static IReadOnlyList<string> Named(IReadOnlyList<string> args) =>
        !OperatingSystem.IsWindows() && args.Count > 1 && Readers.Contains(args[0], StringComparer.Ordinal)
            ? [.. args.Select(arg => arg == "-" ? "/dev/stdin" : arg)]
            : args;
}
