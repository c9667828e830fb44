using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A web server in front of the register server with a body limit of its own refuses a large batch with a 413 that names
/// no limit (its own web page, not the server's problem details). The load halves the batch, and remembers for the rest
/// of the run that a batch of so many entries is refused: each later batch as large is halved before it is sent, not
/// refused again first, as an import does (<see cref="ImportEntryLimitTests"/>).
/// </summary>
public sealed class LoadProxyBodyLimitTests(PostgresCluster cluster)
{
    [Fact]
    public async Task After_a_413_naming_no_limit_later_batches_are_sent_in_the_parts_taken_without_being_refused_first()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(server.Address));
        var writes = 0;
        proxy.Misbehave = target =>
        {
            if (target == "/registers/school/rsf")
            {
                Interlocked.Increment(ref writes);
                return new BodyLimit(5_000); // some 160 bytes an entry: 40 entries are refused, 20 taken
            }

            // As a server from before it published them answers: the limit is heard of only in a 413.
            return target == "/.well-known/registers/write-limits" ? Refusal.Problem(404, "Not Found") : null;
        };
        var rsf = SchoolsRsf.Write(server.Folder.Path, [.. Enumerable.Range(1, 193).Select(n => $"School {n}")]);

        var run = server.RunAt(proxy.Address, null, "load", "-r", "school", "--batch-size", "40", rsf);
        var again = server.RunAt(proxy.Address, null, "load", "-r", "school", "--batch-size", "40", rsf);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("sent: 200\nsize: 193\n", run.Out, StringComparison.Ordinal);
        // Five batches of 40 entries (the 7 system entries and 193 user entries): the first refused and sent in halves
        // (3 writes), the other four sent in halves at once (2 each).
        Assert.Equal(3 + (4 * 2), writes);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("sent: 0\nsize: 193\n", again.Out, StringComparison.Ordinal);
    }
}
