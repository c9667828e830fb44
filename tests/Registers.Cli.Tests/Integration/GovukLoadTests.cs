using Registers.Protocol.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

public sealed class GovukLoadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Every_archived_govuk_register_loaded_in_small_batches_reaches_the_root_govuk_published()
    {
        _ = TestData.Folder; // skips when the test data is absent
        // Small batches cut GOV.UK's history at many places: entries citing items added batches earlier, repeats across batches.
        var files = GovukFiles.All().Select(row => row.Data).Where(file => file != GovukFiles.CountryFixture).ToList();
        Assert.Equal(51, files.Count);
        await using var server = await LiveServer.StartAsync(cluster);
        var sent = 0L;
        foreach (var file in files)
        {
            var path = GovukFiles.PathOf(file);

            var run = server.Run(null, "load", "-r", GovukFiles.RegisterOf(file), "--lenient", "--batch-size", "100", path);

            Assert.True(run.ExitCode == 0, $"{file}: {run}");
            Assert.Contains($"root: {GovukFiles.LastAssertedRoot(file)}\n", run.Out, StringComparison.Ordinal);
            sent += long.Parse(run.Out.Split('\n').Single(line => line.StartsWith("sent: ", StringComparison.Ordinal))[6..], System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.True(sent > 10_000, $"{sent} entries sent");

        var again = server.Run(null, "load", "-r", "government-domain", "--lenient", "--batch-size", "100", GovukFiles.PathOf(files.Single(f => f.Contains("/government-domain/", StringComparison.Ordinal))));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("sent: 0\n", again.Out, StringComparison.Ordinal);
    }
}
