using System.Text;
using Registers.Cli.Tests.Support;
using Registers.Generator;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Protocol.Rsf;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// A load checks the items of the entries it is to send against the register's fields before it sends any, as an import
/// checks its rows: a wrong file is told of by its lines at once, not by the server's refusal after an upload.
/// </summary>
public sealed class LoadCheckTests(PostgresCluster cluster)
{
    private const int Entries = 30_000;

    [Fact]
    public async Task Items_that_break_the_fields_are_listed_by_line_of_the_file_with_the_checks_progress_and_nothing_is_sent()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, Entries);
        var first = File.ReadLines(rsf).Count() + 2; // the entry of the first item appended
        Append(rsf, Item("\"school\":\"900000\",\"start-date\":\"someday\""));
        Append(rsf, [.. Enumerable.Range(1, 150).Select(n => Item($"\"colour\":\"red\",\"school\":\"{900_000 + n}\""))]);

        var run = RegistersCli.Run(RegistersCli.Sockets(server.Folder.Path), TimeSpan.Zero,
            "load", "-r", "school", rsf, "--server", server.Address, "--key", server.AdminKeyFile);

        Assert.True(run.ExitCode == 1, run.ToString());
        var problems = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(101, problems.Length); // the first 100 of 151, and how many more
        Assert.StartsWith($"line {first}, key '900000', field 'start-date': start-date: 'someday' is not a valid datetime", problems[0], StringComparison.Ordinal);
        Assert.Equal($"line {first + 2}, key '900001', field 'colour': colour: 'red' is in an unknown field: 'school' has no such field", problems[1]);
        Assert.Equal("... and 51 more problems", problems[^1]);
        var check = run.Error.Split('\n').Where(line => line.StartsWith("check: ", StringComparison.Ordinal)).ToList();
        Assert.True(check.Count > 1, run.ToString());
        Assert.All(check, line => Assert.Matches(@"^check: [\d,]+ lines, \d+% of [\d,]+ bytes$", line));
        Assert.EndsWith($"registers load: nothing sent: 151 problems in 151 lines of {rsf} (listed on standard output)\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("there is no register 'school'", server.Run(null, "status", "-r", "school").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_load_resumed_checks_the_entries_it_is_to_send_against_the_fields_the_register_has()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, 100);
        Assert.Equal(0, server.Run(null, "load", "-r", "school", rsf).ExitCode);
        var line = File.ReadLines(rsf).Count() + 2;
        Append(rsf, Item("\"phase\":[\"primary\"],\"school\":\"900000\""));

        var run = server.Run(null, "load", "-r", "school", rsf);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"line {line}, key '900000', field 'phase': phase: '[\"primary\"]' is a list, not one value: the field has cardinality 1\n", run.Out);
        Assert.EndsWith($"registers load: nothing sent: 1 problem in 1 line of {rsf} (listed on standard output)\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("size: 100\n", server.Run(null, "status", "-r", "school").Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lenient_load_sends_what_breaks_the_fields_for_the_server_to_warn_of_and_a_load_run_again_checks_only_what_it_would_send()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, 100);
        Append(rsf, Item("\"school\":\"900000\",\"start-date\":\"someday\""));

        var lenient = server.Run(null, "load", "-r", "school", "--lenient", rsf);
        var again = server.Run(null, "load", "-r", "school", rsf);

        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains("warnings: 1\n", lenient.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("sent: 0\n", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_definitions_the_server_holds_under_other_keys_are_read_as_it_reads_them_and_a_file_it_takes_passes_the_check()
    {
        // History loaded leniently may define a field under another field's key: the server reads a definition by what it
        // defines, whatever its key, the later in force. The check before a load must not be stricter than the server.
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, 0);
        AppendSystem(rsf, "field:hue", """{"cardinality":"1","datatype":"string","field":"colour"}""");
        AppendSystem(rsf, "field:aaa", """{"cardinality":"n","datatype":"string","field":"phase"}"""); // after field:phase, before it by key
        var history = server.Run(null, "load", "-r", "school", "--lenient", rsf);
        Append(rsf, Item("\"colour\":\"red\",\"phase\":[\"primary\",\"secondary\"],\"school\":\"900000\""));

        var run = server.Run(null, "load", "-r", "school", rsf);

        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("size: 1\n", server.Run(null, "status", "-r", "school").Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_definitions_the_server_would_refuse_are_listed_by_line_of_the_file_and_nothing_is_sent()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, 0);
        var line = File.ReadLines(rsf).Count() + 2;
        AppendSystem(rsf, "field:hue", """{"cardinality":"1","datatype":"string","field":"colour"}""");
        AppendSystem(rsf, "field:size", """{"cardinality":"1","datatype":"bignum","field":"size"}""");

        var run = server.Run(null, "load", "-r", "school", rsf);

        Assert.True(run.ExitCode == 1, run.ToString());
        var problems = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, problems.Length);
        Assert.StartsWith($"line {line}, key 'field:hue', field 'field': field: 'colour' ", problems[0], StringComparison.Ordinal);
        Assert.EndsWith("the entry key is 'field:hue'", problems[0], StringComparison.Ordinal);
        Assert.StartsWith($"line {line + 2}, key 'field:size', field 'datatype': datatype: 'bignum' ", problems[1], StringComparison.Ordinal);
        Assert.EndsWith($"registers load: nothing sent: 2 problems in 2 lines of {rsf} (listed on standard output)\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("there is no register 'school'", server.Run(null, "status", "-r", "school").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_another_register_is_refused_before_anything_is_sent_naming_both_registers()
    {
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, 100);
        var other = server.Folder.File("other.json", Custodian.Definition.Replace("\"school\"", "\"other\"", StringComparison.Ordinal));

        var toCreate = server.Run(null, "load", "-r", "other", rsf);
        var created = server.Run(null, "create", other);
        var toExisting = server.Run(null, "load", "-r", "other", rsf);

        Assert.True(created.ExitCode == 0, created.ToString()); // the first load made no register 'other'
        foreach (var run in new[] { toCreate, toExisting })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal("", run.Out);
            Assert.EndsWith($"registers load: nothing sent: {rsf} is the file of register 'school' (its system entry 'name', line 3), not of 'other', "
                + "and a register takes no other's entries: load it with -r school\n", run.Error, StringComparison.Ordinal);
        }

        Assert.Contains("size: 0\n", server.Run(null, "status", "-r", "other").Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupt_stops_a_load_while_it_checks_the_items_and_says_so()
    {
        // An interrupt is a signal to a process, so this starts the built executable. The file's bad first user entry is
        // written to standard output as the check finds it, with a million lines still to check after it: the signal comes
        // then. SIGTERM, taken as Ctrl-C's SIGINT is (see VerifyInterruptTests).
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await LiveServer.StartAsync(cluster);
        var rsf = Path.Combine(server.Folder.Path, "school.rsf");
        SchoolRegister.Write(rsf, 0);
        Append(rsf, Item("\"school\":\"900000\",\"start-date\":\"someday\""));
        Append(rsf, [.. Enumerable.Range(1, 500_000).Select(n => Item($"\"school\":\"{n}\",\"start-date\":\"1990-09-01\""))]);
        using var process = CliProcess.Start(
            ["load", "-r", "school", rsf, "--server", server.Address, "--key", server.AdminKeyFile],
            new Dictionary<string, string> { ["HOME"] = server.Folder.Path });
        var error = process.StandardError.ReadToEndAsync(cancellationToken);

        var problem = await process.StandardOutput.ReadLineAsync(cancellationToken);
        Assert.StartsWith("line 17, key '900000', field 'start-date'", problem, StringComparison.Ordinal);
        Assert.False(process.HasExited, "the check ended before it was interrupted");
        await CliProcess.SignalAsync(process, "TERM");
        await process.WaitForExitAsync(cancellationToken);

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await error}");
        Assert.StartsWith("registers load: interrupted", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => line.StartsWith("registers load: nothing sent", StringComparison.Ordinal));
        Assert.Contains("there is no register 'school'", server.Run(null, "status", "-r", "school").Error, StringComparison.Ordinal);
    }

    /// <summary>An item of the school register with its name and <paramref name="members"/>, in order of their names.</summary>
    private static Item Item(string members)
    {
        var json = $"{{\"name\":\"Odd School\",{members}}}";
        return Protocol.Items.Item.FromJson(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Appends a system entry of <paramref name="key"/> with the item <paramref name="json"/>, after its add-item.</summary>
    private static void AppendSystem(string rsf, string key, string json)
    {
        using var file = new FileStream(rsf, FileMode.Append);
        using var writer = new RsfWriter(file);
        var item = Protocol.Items.Item.FromJson(Encoding.UTF8.GetBytes(json));
        writer.WriteAddItem(item);
        writer.WriteAppendEntry(EntryLog.System, key, EntryTimestamp.Parse("2024-01-01T00:00:00Z"), [item.Hash]);
    }

    /// <summary>Appends an entry for each of <paramref name="items"/> to the file, keyed by its <c>school</c>, after the add-item of its item.</summary>
    private static void Append(string rsf, params Item[] items)
    {
        using var file = new FileStream(rsf, FileMode.Append);
        using var writer = new RsfWriter(file);
        foreach (var item in items)
        {
            var key = System.Text.Json.JsonDocument.Parse(item.Bytes.ToArray()).RootElement.GetProperty("school").GetString()!;
            writer.WriteAddItem(item);
            writer.WriteAppendEntry(EntryLog.User, key, EntryTimestamp.Parse("2024-01-01T00:00:00Z"), [item.Hash]);
        }
    }
}
