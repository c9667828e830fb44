using System.Globalization;
using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>
/// <c>audit full</c> and <c>mirror</c> show how far they have downloaded and checked on standard error, the results on
/// standard output unchanged. Progress lines are written at every report here (the interval set to zero), not every few seconds.
/// </summary>
public sealed class AuditProgressTests(PostgresCluster cluster)
{
    // Past the 65,536 lines after which a replay first reports (two lines an entry: its item and itself).
    private const int Entries = 35_000;

    [Fact]
    public async Task Audit_full_and_mirror_report_the_bytes_downloaded_and_the_lines_checked_on_standard_error_only()
    {
        await using var audited = await AuditedServer.LoadedAsync(cluster, Entries);
        var copy = Path.Combine(audited.Server.Folder.Path, "school.rsf");

        var quiet = audited.Verify("audit", "full");
        var shown = audited.VerifyShowingProgress("audit", "full");
        var mirrored = audited.VerifyShowingProgress("mirror", copy);

        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.True(mirrored.ExitCode == 0, mirrored.ToString());
        // With the usual interval a short run says nothing more than progress (and that only if the machine is slow enough).
        Assert.All(quiet.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("audit full: ", line, StringComparison.Ordinal));
        Assert.Equal(quiet.Out, shown.Out);
        Assert.Contains($"holds 35,000 entries (+35,000), verified against checkpoint {Entries}", mirrored.Out, StringComparison.Ordinal);

        // The whole register is the same RSF in both: the last download line counts every line and byte of the copy.
        var bytes = new FileInfo(copy).Length;
        var lines = File.ReadAllBytes(copy).Count(b => b == (byte)'\n');
        foreach (var (run, command) in new[] { (shown, "audit full"), (mirrored, "mirror") })
        {
            var progress = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var downloaded = progress.Where(line => line.StartsWith($"{command}: downloading 35,000 entries: ", StringComparison.Ordinal)).ToList();
            var checkedLines = progress.Where(line => line.StartsWith($"{command}: checking 35,000 entries: ", StringComparison.Ordinal)).ToList();
            Assert.True(downloaded.Count > 1, run.ToString());
            Assert.All(downloaded, line => Assert.Matches(@": [\d,]+ lines, [\d,]+ bytes$", line));
            Assert.Equal($"{command}: downloading 35,000 entries: {N(lines)} lines, {N(bytes)} bytes", downloaded[^1]);
            Assert.Equal([$"{command}: checking 35,000 entries: 65,536 lines, {100 * Offset(copy, 65_536) / bytes}% of {N(bytes)} bytes"], checkedLines);
            Assert.Equal(progress.Length, downloaded.Count + checkedLines.Count);
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The bytes up to the end of line <paramref name="line"/>.</summary>
    private static long Offset(string path, int line)
    {
        var bytes = File.ReadAllBytes(path);
        var seen = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' && ++seen == line)
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException($"{path} has fewer than {line} lines.");
    }
}
