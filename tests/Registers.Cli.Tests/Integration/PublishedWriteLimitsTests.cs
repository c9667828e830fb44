using System.Text.RegularExpressions;
using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A server set to take less than the defaults in one write publishes its limits, and load and import cut their batches to
/// fit them from the start: no request of theirs is refused (413), as the server's own log of the requests it answered
/// shows. An entry or a row that no batch can carry is named without being sent.
/// </summary>
public sealed partial class PublishedWriteLimitsTests(PostgresCluster cluster)
{
    /// <summary>The server logs each request it answered with its status ("Request finished HTTP/1.1 POST http://…/rsf - 200 …").</summary>
    private const string RequestLog = "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information";

    [Fact]
    public async Task A_load_is_cut_to_the_servers_limit_and_no_batch_of_it_is_refused()
    {
        await using var server = await ServerAsync(null, "--Registers:MaxRsfBytes=65536");
        var rsf = SchoolsRsf.Write(server.Folder.Path, [.. Enumerable.Range(1, 300).Select(n => new string('a', 1_000))]); // some 330 KiB

        var run = server.Run(null, "load", "-r", "school", rsf);
        var again = server.Run(null, "load", "-r", "school", rsf);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("sent: 307\nsize: 300\n", run.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith("sent: 0\nsize: 300\n", again.Out, StringComparison.Ordinal);
        var loads = Answered(server, "/rsf");
        Assert.True(loads.Count >= 6, $"{loads.Count} loads answered"); // 330 KiB in parts of at most 64 KiB
        Assert.DoesNotContain(413, loads);
    }

    [Fact]
    public async Task An_import_is_cut_to_the_servers_limits_of_bytes_and_entries_and_no_batch_of_it_is_refused()
    {
        await using var server = await ServerAsync(Custodian.Definition, "--Registers:MaxBodyBytes=65536", "--Registers:MaxEntriesPerWrite=20");
        const int rows = 300; // 150 of some 1 KiB, 150 of a few bytes: too many bytes for one write, then too many entries
        var csv = server.Folder.File("schools.csv", "school,name\n" + string.Concat(
            Enumerable.Range(1, rows).Select(n => $"{100000 + n},{(n <= 150 ? new string('a', 1_000) : "")} School {n}\n")));

        var run = server.Run(null, "import", "-r", "school", csv);
        var again = server.Run(null, "import", "-r", "school", csv);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"sent: {rows}\nsize: {rows}\n", run.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith($"sent: 0\nsize: {rows}\n", again.Out, StringComparison.Ordinal);
        var writes = Answered(server, "/entries");
        Assert.True(writes.Count >= rows / 20, $"{writes.Count} writes answered");
        Assert.DoesNotContain(413, writes);
    }

    [Fact]
    public async Task An_entry_larger_than_the_servers_limit_is_named_by_its_lines_and_not_sent_and_the_entries_before_it_are_loaded()
    {
        await using var server = await ServerAsync(null, "--Registers:MaxRsfBytes=65536");
        var rsf = SchoolsRsf.Write(server.Folder.Path, [.. Enumerable.Range(1, 51).Select(n => n == 41 ? new string('a', 100_000) : $"School {n}")]);

        var run = server.Run(null, "load", "-r", "school", rsf);
        var stopped = server.Run(null, "status", "-r", "school");

        Assert.True(run.ExitCode == 1, run.ToString());
        var entry = SchoolsRsf.EntryLine(41);
        Assert.Contains($"line {entry}: its entry and the items it brings (file lines {entry - 1}-{entry}) come to ", run.Error, StringComparison.Ordinal);
        Assert.Contains("more than the 65,536 bytes the server takes in one write", run.Error, StringComparison.Ordinal);
        Assert.Contains("size: 40\n", stopped.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(413, Answered(server, "/rsf"));
    }

    [Fact]
    public async Task A_row_larger_than_the_servers_limit_is_a_problem_of_its_line_and_nothing_is_sent()
    {
        await using var server = await ServerAsync(Custodian.Definition, "--Registers:MaxBodyBytes=65536");
        var csv = server.Folder.File("schools.csv", "school,name\n" + string.Concat(Enumerable.Range(1, 40).Select(n => $"{100000 + n},School {n}\n"))
            + $"100041,{new string('a', 100_000)}\n" + string.Concat(Enumerable.Range(42, 10).Select(n => $"{100000 + n},School {n}\n")));

        var run = server.Run(null, "import", "-r", "school", csv);
        var stopped = server.Run(null, "status", "-r", "school");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(run.Out.StartsWith("line 42: ", StringComparison.Ordinal) && run.Out.Contains("more than the 65,536 bytes the server takes in one write", StringComparison.Ordinal), run.ToString());
        Assert.Contains("registers import: nothing sent: 1 problem in 1 line of", run.Error, StringComparison.Ordinal);
        Assert.Contains("size: 0\n", stopped.Out, StringComparison.Ordinal);
        Assert.Empty(Answered(server, "/entries"));
    }

    /// <summary>A server restarted with <paramref name="settings"/> and its log of requests, holding the register of <paramref name="definition"/> when given.</summary>
    private async Task<LiveServer> ServerAsync(string? definition, params string[] settings)
    {
        var server = await LiveServer.StartAsync(cluster);
        if (definition is not null)
        {
            Assert.Equal(0, server.Run(null, "create", server.Folder.File("register.json", definition)).ExitCode);
        }

        server.Kill();
        await server.RestartAsync([.. settings, RequestLog]);
        return server;
    }

    /// <summary>The status of each POST to a path ending in <paramref name="ending"/> the server has logged answering.</summary>
    private static List<int> Answered(LiveServer server, string ending) =>
        [.. Finished().Matches(server.Process!.Output)
            .Where(match => match.Groups["path"].Value.EndsWith(ending, StringComparison.Ordinal))
            .Select(match => int.Parse(match.Groups["status"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"Request finished \S+ POST \S+?(?<path>/[^\s?]*)(?:\?\S*)? - (?<status>\d{3})")]
    private static partial Regex Finished();
}
