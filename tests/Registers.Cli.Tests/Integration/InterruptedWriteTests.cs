using Registers.Cli.Tests.Audit;
using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A write command interrupted once it has sent a write says that what the server accepted stays written (the server may
/// have taken it, as here, whether or not its answer came back); one interrupted before it sent any says nothing was sent
/// (see <see cref="Writes.ImportInterruptTests"/>).
/// </summary>
public sealed class InterruptedWriteTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_append_interrupted_while_its_write_is_unanswered_says_what_the_server_accepted_stays_written()
    {
        // An interrupt is a signal to a process, so this starts the built executable. The proxy passes the write on and
        // holds back the answer: the signal comes once the write has reached it. SIGTERM, taken as Ctrl-C's SIGINT is.
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var audited = await AuditedServer.StartAsync(cluster, "100001");
        await using var proxy = await MisbehavingProxy.StartAsync(new Uri(audited.Server.Address));
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        proxy.Misbehave = target =>
        {
            if (!target.EndsWith("/entries", StringComparison.Ordinal))
            {
                return null;
            }

            written.TrySetResult();
            return new Trickle(0, TimeSpan.FromMinutes(1)); // headers, then nothing
        };
        using var process = CliProcess.Start(
            ["append", "-r", "school", "100002", "name=School 100002", "--server", proxy.Address, "--key", audited.Server.AdminKeyFile],
            new Dictionary<string, string> { ["HOME"] = audited.Server.Folder.Path });
        var error = process.StandardError.ReadToEndAsync(cancellationToken);

        await written.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        Assert.False(process.HasExited, "the append ended before it was interrupted");
        await CliProcess.SignalAsync(process, "TERM");
        await process.WaitForExitAsync(cancellationToken);

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await error}");
        Assert.StartsWith("registers append: interrupted: what the server accepted before stays written", lines[^1], StringComparison.Ordinal);
    }
}
