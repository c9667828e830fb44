using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Writes;

public sealed class ImportTests : IDisposable
{
    private readonly Custodian _custodian = new();

    public void Dispose() => _custodian.Dispose();

    [Fact]
    public void An_import_with_bad_rows_sends_nothing_and_lists_every_bad_row_by_line_and_field()
    {
        var csv = _custodian.Folder.File("schools.csv", """
            school,title,start-date,phases
            100001,Leeds School,1990-09-01,primary;secondary
            100002,"York
            School",not-a-date,primary
            ,No Key,1990-09-01,
            100004,Bath School,1990-13-01,nursery
            100005,Ely School,1990-09-01
            100006,Truro School,2001-02-03,"primary;all-through"

            """);

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile, "--map", "title=name");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("line 3, field 'start-date': start-date: 'not-a-date' is not a valid datetime", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("line 5, field 'school': '' is not a valid key", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("line 6, field 'start-date': start-date: '1990-13-01' is not a valid datetime", lines[2], StringComparison.Ordinal);
        Assert.Equal("line 7: 3 cells, but the header has 4", lines[3]);
        Assert.Contains("nothing sent: 4 problems in 4 lines", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_of_one_cell_is_said_to_have_one_cell()
    {
        var csv = _custodian.Folder.File("schools.csv", "school,name\n100001\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Equal("line 2: 1 cell, but the header has 2\n", run.Out);
    }

    [Fact]
    public void Empty_columns_after_the_last_named_one_as_a_spreadsheet_saves_them_are_left_out()
    {
        // Header cells empty at the end, and rows with more empty cells than the header has, as spreadsheets export them.
        var csv = _custodian.Folder.File("schools.csv", "school,name,,\r\n100001,Leeds School,,\r\n100002,York School,,,\r\n100003,Bath School\r\n");

        _custodian.Server.Preload("add-item\t{\"name\":\"school\"}\nappend-entry\tsystem\tname\t2020-01-01T00:00:00Z\tsha-256:" + Sha("{\"name\":\"school\"}") + "\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, _custodian.Server.UserSize);
    }

    [Fact]
    public void A_key_on_two_rows_is_a_problem_of_the_later_row_and_nothing_is_sent()
    {
        var csv = _custodian.Folder.File("schools.csv", "school,name\n100001,Leeds School\n100002,York School\n100001,Leeds Grammar School\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Equal("line 4, field 'school': key '100001' is on line 2 too: a file holds one row a key\n", run.Out);
    }

    [Fact]
    public void A_json_file_is_said_to_be_json_not_a_bad_quote()
    {
        var json = _custodian.Folder.File("schools.json", """  [{"school":"100001","name":"Leeds School"}]""");

        var run = _custodian.Run("import", json, "--definition", _custodian.DefinitionFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Equal("line 1: this looks like JSON, but import reads CSV: a header row of field names, then a row a record\n", run.Out);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_refused_naming_its_line_and_column_and_nothing_is_sent()
    {
        // As Excel saves "CSV" in Western Europe: Latin-1, where é is the one byte 0xE9.
        var csv = _custodian.Folder.File("schools.csv");
        File.WriteAllBytes(csv, [.. "school,name\n100001,Leeds School\n100002,Caf"u8, 0xE9, .. " Street\n"u8]);

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.StartsWith("line 3, column 11: invalid UTF-8", run.Out, StringComparison.Ordinal);
        Assert.Contains("nothing sent", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_size_above_the_most_the_server_takes_in_one_write_is_a_usage_error_and_nothing_is_sent()
    {
        var csv = _custodian.Folder.File("schools.csv", "school,name\n100001,Leeds School\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile, "--batch-size", "20000");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--batch-size must be 1 to 10,000", run.Error, StringComparison.Ordinal);
        Assert.Empty(_custodian.Server.Requests);
    }

    [Fact]
    public void A_column_that_is_no_field_is_reported_against_the_header_and_nothing_is_sent()
    {
        var csv = _custodian.Folder.File("schools.csv", "school,title\n100001,Leeds School\n");

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.StartsWith("line 1, field 'title': column 2 ('title') is not a field of 'school'", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_import_is_sent_in_signed_batches_each_extending_the_size_the_last_left_and_a_rerun_after_a_crash_skips_what_was_applied()
    {
        _custodian.Server.Preload("add-item\t{\"name\":\"school\"}\nappend-entry\tsystem\tname\t2020-01-01T00:00:00Z\tsha-256:" + Sha("{\"name\":\"school\"}") + "\n");
        var rows = string.Concat(Enumerable.Range(1, 25).Select(n => $"{100000 + n},School {n},2001-02-03,primary\n"));
        var csv = _custodian.Folder.File("schools.csv", "school,name,start-date,phases\n" + rows);
        _custodian.Server.LoseAnswersAfter = 2;

        var crashed = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile, "--batch-size", "10");
        _custodian.Server.LoseAnswersAfter = null;
        var resumed = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile, "--batch-size", "10");

        Assert.Equal(3, crashed.ExitCode);
        Assert.Contains("run the same command again", crashed.Error, StringComparison.Ordinal);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("resuming: 2 batches were sent before; 1 to send", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(25, _custodian.Server.UserSize);
        Assert.Equal(3, _custodian.Server.Applied);
        var posts = _custodian.Server.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal(["\"size-0\"", "\"size-10\"", "\"size-20\""], posts.Select(p => p.Headers["if-match"]).Distinct());
        Assert.Equal("\"size-20\"", posts[^1].Headers["if-match"]);
        Assert.All(posts, post => Assert.Contains("\"idempotency-key\" \"if-match\");created=", post.Headers["signature-input"], StringComparison.Ordinal));
    }

    [Fact]
    public void A_write_the_server_asks_to_wait_for_is_said_to_wait_and_then_sent()
    {
        _custodian.Server.Preload("add-item\t{\"name\":\"school\"}\nappend-entry\tsystem\tname\t2020-01-01T00:00:00Z\tsha-256:" + Sha("{\"name\":\"school\"}") + "\n");
        var csv = _custodian.Folder.File("schools.csv", "school,name\n100001,Leeds School\n");
        _custodian.Server.BusyWrite = 1;

        var run = _custodian.Run("import", csv, "--definition", _custodian.DefinitionFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("registers import: 429 Too many writes: This key may make 600 writes a minute; try again in 1 s; trying again in 1 s (try 2 of 3)\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, _custodian.Server.UserSize);
    }

    private static string Sha(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
