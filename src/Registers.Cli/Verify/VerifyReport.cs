using Registers.Protocol.Rsf;

namespace Registers.Cli.Verify;

/// <summary>What <c>registers verify</c> prints: the counts and root, then warnings and errors, each list capped.</summary>
internal static class VerifyReport
{
    public static void Write(CliConsoles console, RsfVerification result)
    {
        console.WriteResult($"user entries: {result.UserEntries}");
        console.WriteResult($"system entries: {result.SystemEntries}");
        console.WriteResult($"items: {result.Items}");
        console.WriteResult($"root: {result.UserRoot}");
        List(console, "warnings", result.WarningCount, result.Warnings);
        List(console, "errors", result.ErrorCount, result.Errors);
        console.WriteResult(result.IsValid ? "ok" : $"invalid: {Counted.Of(result.ErrorCount, "error")}");
    }

    /// <summary>Writes <c>NAME: COUNT</c>, the problems shown, and how many more there were; nothing when there were none.</summary>
    public static void List<T>(CliConsoles console, string name, long count, IReadOnlyList<T> shown)
    {
        if (count == 0)
        {
            return;
        }

        console.WriteResult($"{name}: {count}");
        foreach (var problem in shown)
        {
            console.WriteResult($"  {problem}");
        }

        if (count > shown.Count)
        {
            console.WriteResult($"  ... and {count - shown.Count} more {name}");
        }
    }
}
