using System.Text;
using Registers.Cli.Tests.Support;
using Registers.Generator;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Tests.Verify;

public sealed class VerifyLargeFileTests
{
    [Fact]
    public void A_file_past_the_memory_budget_is_listed_as_a_replay_in_memory_lists_it()
    {
        // 150,000 entries with their items are past the default budget (some 100,000), so the checks go on on disk.
        using var folder = TempFile.Folder();
        var path = Path.Combine(folder.Path, "school.rsf");
        SchoolRegister.Write(path, 150_000);
        var lines = File.ReadLines(path).ToList();
        var firstItem = lines.First(line => line.StartsWith("add-item\t{\"address\"", StringComparison.Ordinal));
        var lastEntry = lines.Last(line => line.StartsWith("append-entry\tuser", StringComparison.Ordinal));
        File.AppendAllText(path, string.Join('\n', [
            firstItem, // added again
            lastEntry, // the key's item again
            "append-entry\tuser\t1\t2020-01-01T00:00:00Z\tsha-256:" + new string('0', 64), // an item never added
            "add-item\t{\"address\":\"nowhere\"}", // an item no entry cites
            "",
        ]));

        var run = RegistersCli.Run("verify", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(ExpectedListing(path), run.Out);
        Assert.Contains("warnings: 2\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("errors: 2\n", run.Out, StringComparison.Ordinal);
    }

    // What registers verify prints, from a verification that keeps all its checks in memory.
    private static string ExpectedListing(string path)
    {
        using var file = File.OpenRead(path);
        var result = RsfVerifier.Verify(file, new RsfVerifyOptions { MemoryBudget = long.MaxValue });
        var text = new StringBuilder()
            .Append($"user entries: {result.UserEntries}\nsystem entries: {result.SystemEntries}\nitems: {result.Items}\nroot: {result.UserRoot}\n")
            .Append($"warnings: {result.WarningCount}\n");
        foreach (var warning in result.Warnings)
        {
            text.Append($"  {warning}\n");
        }

        text.Append($"errors: {result.ErrorCount}\n");
        foreach (var error in result.Errors)
        {
            text.Append($"  {error}\n");
        }

        return text.Append($"invalid: {result.ErrorCount} errors\n").ToString();
    }
}
