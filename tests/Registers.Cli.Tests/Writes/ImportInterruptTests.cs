using System.Globalization;
using Registers.Cli.Tests.Support;
using Registers.Protocol.Checkpoints;

namespace Registers.Cli.Tests.Writes;

public sealed class ImportInterruptTests
{
    [Fact]
    public async Task An_interrupt_stops_an_import_while_it_checks_the_rows_and_says_nothing_was_sent()
    {
        // An interrupt is a signal to a process, so this starts the built executable. The rows are checked against a
        // definition file, so no server is asked anything before the rows would be sent; the one given is never reached. The
        // bad second row is written to standard output as the check finds it, with a million rows still to check after it:
        // the signal comes then. SIGTERM, taken as Ctrl-C's SIGINT is (see VerifyInterruptTests).
        var cancellationToken = TestContext.Current.CancellationToken;
        using var folder = TempFile.Folder();
        using var key = SignerKey.Generate("custodian.example/alice");
        var keyFile = folder.SecretFile("alice.key", KeyFile.Write(key));
        var definition = folder.File("school.json", Custodian.Definition);
        var csv = Rows(folder, rows: 1_000_000);
        using var process = CliProcess.Start(
            ["import", csv, "--definition", definition, "--key", keyFile, "--server", "http://127.0.0.1:9", "-r", "school"],
            new Dictionary<string, string> { ["HOME"] = folder.Path });
        var error = process.StandardError.ReadToEndAsync(cancellationToken);

        var problem = await process.StandardOutput.ReadLineAsync(cancellationToken);
        Assert.StartsWith("line 2, field 'start-date'", problem, StringComparison.Ordinal);
        Assert.False(process.HasExited, "the check ended before it was interrupted");
        await CliProcess.SignalAsync(process, "TERM");
        await process.WaitForExitAsync(cancellationToken);

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await error}");
        Assert.Equal("registers import: interrupted: nothing was sent, so nothing was written", lines[^1]);
        Assert.All(lines[..^1], line => Assert.StartsWith("check: ", line, StringComparison.Ordinal));
    }

    /// <summary>A CSV file whose second line breaks the register's rules, then <paramref name="rows"/> that keep them.</summary>
    private static string Rows(TempFolder folder, int rows)
    {
        var path = folder.File("schools.csv");
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        writer.WriteLine("school,name,start-date");
        writer.WriteLine("100000,Bad School,not-a-date");
        for (var i = 1; i <= rows; i++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100_000 + i},School number {i},1990-09-01"));
        }

        return path;
    }
}
