using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A server from before it published its write limits refuses a write of more entries than it takes with a 413 "Too many
/// entries", which names no byte limit. The import halves the batch, and remembers for the rest of the run that so many
/// rows are refused: each later batch as large is halved before it is sent, not refused again first.
/// </summary>
public sealed class ImportEntryLimitTests(PostgresCluster cluster)
{
    [Fact]
    public async Task After_a_413_for_too_many_entries_later_batches_are_sent_in_the_parts_taken_without_being_refused_first()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        Assert.Equal(0, server.Run(null, "create", server.Folder.File("school.json", Custodian.Definition)).ExitCode);
        server.Kill();
        await server.RestartAsync("--Registers:MaxEntriesPerWrite=20");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(server.Address));
        var writes = 0;
        proxy.Misbehave = target =>
        {
            if (target == "/registers/school/entries")
            {
                Interlocked.Increment(ref writes);
            }

            // As a server from before it published them answers.
            return target == "/.well-known/registers/write-limits" ? Refusal.Problem(404, "Not Found") : null;
        };
        var csv = server.Folder.File("schools.csv", "school,name\n" + string.Concat(Enumerable.Range(1, 200).Select(n => $"{100000 + n},School {n}\n")));

        var run = server.RunAt(proxy.Address, null, "import", "-r", "school", "--batch-size", "40", csv);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("sent: 200\nsize: 200\n", run.Out, StringComparison.Ordinal);
        // Five batches of 40: the first refused and sent in halves (3 writes), the other four sent in halves at once (2 each).
        Assert.Equal(3 + (4 * 2), writes);
    }
}
