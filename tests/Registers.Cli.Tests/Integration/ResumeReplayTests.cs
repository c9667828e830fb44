using Registers.Cli.Tests.Support;
using Registers.Generator;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A load run again replays its file up to where the register stands before it sends anything: for a large register that
/// is the file read through again, as long as its check, so it says how far it has read and stops at an interrupt.
/// </summary>
public sealed class ResumeReplayTests(PostgresCluster cluster)
{
    private const int Entries = 30_000;

    [Fact]
    public async Task A_load_run_again_says_how_far_it_has_replayed_the_file_and_stops_there_at_an_interrupt()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, Entries);
        var loaded = server.Run(null, "load", "-r", "school", rsf);
        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        string[] again = ["load", "-r", "school", rsf, "--server", server.Address, "--key", server.AdminKeyFile];

        // Every progress report written: the replay's are those of the second reading, after the check's "verify:" ones.
        var resumed = RegistersCli.Run(RegistersCli.Sockets(server.Folder.Path), TimeSpan.Zero, again);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var lines = resumed.Error.Split('\n');
        var replay = lines.Where(line => line.StartsWith("resume: ", StringComparison.Ordinal)).ToList();
        Assert.True(replay.Count > 1, resumed.ToString());
        Assert.All(replay, line => Assert.Matches(@"^resume: [\d,]+ lines, \d+% of [\d,]+ bytes$", line));
        Assert.True(Array.IndexOf(lines, replay[^1]) < Array.FindIndex(lines, line => line.StartsWith("registers load: resuming:", StringComparison.Ordinal)), resumed.ToString());

        // Interrupted as the replay reports its first progress: it stops there, not at the end of the file.
        using var interrupt = new CancellationTokenSource();
        var output = new StringWriter { NewLine = "\n" };
        var error = new InterruptingWriter("resume: ", interrupt);
        var consoles = CliConsoles.Plain(output, error) with { ProgressInterval = TimeSpan.Zero };
        var exitCode = await RegistersApp.RunAsync(consoles, again, RegistersCli.Sockets(server.Folder.Path), interrupt.Token);

        Assert.True(exitCode == 130, $"exit {exitCode}\n{output}{error}");
        Assert.Single(error.ToString().Split('\n'), line => line.StartsWith("resume: ", StringComparison.Ordinal));
        Assert.DoesNotContain("resuming:", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Standard error that cancels the command's token, as Ctrl-C would, once a line starting with the prefix is written.</summary>
    private sealed class InterruptingWriter : StringWriter
    {
        private readonly string _prefix;
        private readonly CancellationTokenSource _interrupt;

        public InterruptingWriter(string prefix, CancellationTokenSource interrupt)
        {
            (_prefix, _interrupt) = (prefix, interrupt);
            NewLine = "\n";
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(_prefix, StringComparison.Ordinal) == true)
            {
                _interrupt.Cancel();
            }
        }
    }
}
