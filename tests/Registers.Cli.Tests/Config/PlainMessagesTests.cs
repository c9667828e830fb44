using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Config;

/// <summary>Mistakes in what a command is given are said in plain words, never in the framework's (a key "already added", a "Parameter").</summary>
public sealed class PlainMessagesTests : IDisposable
{
    private readonly Custodian _custodian = new();

    public void Dispose() => _custodian.Dispose();

    private CliRun Run(params string[] args) =>
        RegistersCli.Run(_custodian.Environment, [.. args, "--key", _custodian.KeyFile, "--server", "http://registers.test"]);

    [Fact]
    public void A_column_mapped_twice_is_a_usage_error_naming_the_column()
    {
        var csv = _custodian.Folder.File("schools.csv", "school,Address\n100001,Leeds\n");

        var run = Run("import", "-r", "school", csv, "--map", "Address=address", "--map", "Address=street");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("column 'Address' is mapped twice", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("same key", run.Error, StringComparison.Ordinal);
        Assert.Empty(_custodian.Server.Requests);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("load", "school.rsf")]
    [InlineData("import", "schools.csv")]
    public void An_empty_register_name_is_a_usage_error(string command, string? file = null)
    {
        string[] files = file is null ? [] : [_custodian.Folder.File(file, file.EndsWith(".csv", StringComparison.Ordinal) ? "school,name\n1,A\n" : "")];

        var run = Run([command, "-r", "", .. files]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--register", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", run.Error, StringComparison.Ordinal);
        Assert.Empty(_custodian.Server.Requests);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("import", "schools.csv")]
    public void A_register_name_no_register_can_have_is_a_usage_error_without_the_parameter_it_was_passed_as(string command, string? file = null)
    {
        string[] files = file is null ? [] : [_custodian.Folder.File(file, "school,name\n1,A\n")];

        var run = Run([command, "-r", "Bad Name", .. files]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"registers {command}: 'Bad Name' is no register's name: lower-case letters, digits and hyphens, starting with a letter.\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", run.Error, StringComparison.Ordinal);
        Assert.Empty(_custodian.Server.Requests);
    }

    [Fact]
    public void A_definition_file_that_is_not_JSON_is_said_to_be_not_JSON_where_it_stops_being_so()
    {
        var notJson = _custodian.Folder.File("notjson.csv", "a,b\n1,2\n");
        var csv = _custodian.Folder.File("schools.csv", "school,name\n1,A\n");

        var import = Run("import", "-r", "school", csv, "--definition", notJson);
        var create = Run("create", notJson);

        foreach (var run in new[] { import, create })
        {
            Assert.True(run.ExitCode is 1 or 2, run.ToString());
            Assert.True(run.Error.Contains(notJson, StringComparison.Ordinal), run.ToString());
            Assert.Contains(": it is not JSON (at line 1, column 1)\n", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("LineNumber", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("invalid start of a value", run.Error, StringComparison.Ordinal);
        }

        Assert.Empty(_custodian.Server.Requests);
    }

    [Theory]
    [InlineData("load", "abc", "'abc' is not a whole number")]
    [InlineData("load", "99999999999", "--batch-size must be 1 to 1,000,000")]
    [InlineData("import", "99999999999", "--batch-size must be 1 to 10,000")]
    public void A_count_that_is_no_whole_number_or_too_large_for_one_is_said_plainly(string command, string count, string message)
    {
        var file = _custodian.Folder.File("some.file", "");

        var run = Run(command, "-r", "school", "--batch-size", count, file);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Int32", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_poll_interval_longer_than_a_day_is_a_usage_error()
    {
        // Taken as the largest whole number, so that its range is named; a wait of more than 49 days broke the timer.
        using var log = Protocol.Checkpoints.SignerKey.Generate("registers.test/log");
        var logKey = _custodian.Folder.File("log-key.pub", log.VerifierKey + "\n");

        var run = RegistersCli.Run(_custodian.Environment, "audit", "follow", "-r", "school", "--server", "http://registers.test", "--key-file", logKey, "--interval", "99999999999");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--interval must be 1 to 86,400 seconds", run.Error, StringComparison.Ordinal);
    }
}
