using Registers.Cli.Tests.Support;
using Registers.Generator;
using Registers.Protocol.Rsf;

namespace Registers.Cli.Tests.Writes;

public sealed class LoadTests : IDisposable
{
    private readonly Custodian _custodian = new();

    public void Dispose() => _custodian.Dispose();

    /// <summary>The fields the generated school register's system entries define, as <c>registers create</c> takes them.</summary>
    private const string GeneratedSchoolFields = """
        {"name":"school","fields":[
          {"field":"school","datatype":"string","cardinality":"1"},
          {"field":"name","datatype":"string","cardinality":"1"},
          {"field":"address","datatype":"string","cardinality":"1"},
          {"field":"phase","datatype":"string","cardinality":"1"},
          {"field":"start-date","datatype":"datetime","cardinality":"1"}]}
        """;

    private string School(int entries)
    {
        var path = Path.Combine(_custodian.Folder.Path, "school.rsf");
        SchoolRegister.Write(path, entries);
        return path;
    }

    private static string FileRoot(string path)
    {
        using var file = File.OpenRead(path);
        return RsfVerifier.Verify(file).UserRoot.ToString();
    }

    [Fact]
    public void A_broken_file_is_reported_as_verify_reports_it_and_nothing_is_sent()
    {
        var rsf = _custodian.Folder.File("bad.rsf", "add-item\t{\"school\":\"1\"}\nappend-entry\tuser\t1\t2020-01-01T00:00:00Z\tsha-256:00\n");

        var run = _custodian.Run("load", rsf);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(_custodian.Server.Requests);
        Assert.Contains("errors: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("nothing sent:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_load_sends_signed_self_contained_batches_and_ends_at_the_files_root()
    {
        var rsf = School(2_500);

        var run = _custodian.Run("load", rsf, "--batch-size", "1000");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2_500, _custodian.Server.UserSize);
        Assert.Equal(FileRoot(rsf), _custodian.Server.UserRoot);
        Assert.Contains($"root: {FileRoot(rsf)}\n", run.Out, StringComparison.Ordinal);
        var posts = _custodian.Server.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal(3, posts.Count); // 7 system + 2,500 user entries in batches of 1,000
        Assert.Equal(["\"size-0\"", "\"size-993\"", "\"size-1993\""], posts.Select(p => p.Headers["if-match"]));
        Assert.All(posts, post => Assert.StartsWith("rsf-", post.Headers["idempotency-key"], StringComparison.Ordinal));
        Assert.All(posts, post => Assert.Contains("(\"@method\" \"@target-uri\" \"content-digest\" \"idempotency-key\"", post.Headers["signature-input"], StringComparison.Ordinal));
    }

    [Fact]
    public void A_lenient_load_lists_the_rules_the_server_let_through_by_line_of_the_file_with_their_count()
    {
        var rsf = School(2_500);
        _custodian.Server.Warnings = """[{"line":3,"key":"100001","rule":"repeat","detail":"the entry repeats its record's item"}]""";

        var run = _custodian.Run("load", rsf, "--batch-size", "1000", "--lenient");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warnings: 3\n", run.Out, StringComparison.Ordinal);
        Assert.True(run.Out.Contains("  file line 4, key '100001': the entry repeats its record's item [repeat]\n", StringComparison.Ordinal), run.ToString());
        Assert.Contains("  file line 2004, key '100001': the entry repeats its record's item [repeat]\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("3 warnings", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_load_whose_answer_was_lost_resumes_where_the_log_stands_and_appends_nothing_twice()
    {
        var rsf = School(5_000);
        _custodian.Server.LoseAnswersAfter = 3;
        _custodian.Server.Fields = GeneratedSchoolFields; // as a server has them once the file's system entries are in

        var crashed = _custodian.Run("load", rsf, "--batch-size", "1000");
        var sizeAfterCrash = _custodian.Server.UserSize;
        _custodian.Server.LoseAnswersAfter = null;
        var resumed = _custodian.Run("load", rsf, "--batch-size", "1000");

        Assert.Equal(3, crashed.ExitCode);
        Assert.Contains("run the same command again", crashed.Error, StringComparison.Ordinal);
        Assert.Equal(2_993, sizeAfterCrash);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("resuming: the register already holds the file's first 2,993 user entries", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(5_000, _custodian.Server.UserSize);
        Assert.Equal(FileRoot(rsf), _custodian.Server.UserRoot);
        Assert.Equal(6, _custodian.Server.Applied); // 5,007 entries in batches of 1,000: each applied once

        var again = _custodian.Run("load", rsf, "--batch-size", "1000");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(6, _custodian.Server.Applied);
        Assert.Contains("sent: 0\n", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_register_that_does_not_hold_the_files_first_entries_is_not_written()
    {
        _custodian.Server.Preload(File.ReadAllText(School(10)));
        var other = Path.Combine(_custodian.Folder.Path, "other.rsf");
        using (var writer = new RsfWriter(File.Create(other)))
        {
            for (var n = 1; n <= 20; n++)
            {
                var item = Registers.Protocol.Items.Item.FromJson(System.Text.Encoding.UTF8.GetBytes($$"""{"school":"{{n}}","name":"Other {{n}}"}"""));
                writer.WriteAddItem(item);
                writer.WriteAppendEntry(Registers.Protocol.Entries.EntryLog.User, $"{n}", Registers.Protocol.Entries.EntryTimestamp.FromUnixSeconds(1_600_000_000 + n), [item.Hash]);
            }
        }

        var run = _custodian.Run("load", other);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nothing sent: the register's first 10 user entries are not the file's", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void An_entry_citing_an_item_added_batches_earlier_carries_it_in_its_own_batch()
    {
        const string Item = "{\"name\":\"Leeds School\",\"school\":\"1\"}";
        var hash = "sha-256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Item)));
        var other = "{\"name\":\"Leeds Academy\",\"school\":\"1\"}";
        var otherHash = "sha-256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(other)));
        var york = "{\"name\":\"York School\",\"school\":\"2\"}";
        var yorkHash = "sha-256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(york)));
        var rsf = _custodian.Folder.File("reuse.rsf",
            $"add-item\t{Item}\nadd-item\t{other}\nadd-item\t{york}\nappend-entry\tuser\t1\t2020-01-01T00:00:00Z\t{hash}\n"
            + $"append-entry\tuser\t2\t2020-01-02T00:00:00Z\t{yorkHash}\nappend-entry\tuser\t1\t2020-01-03T00:00:00Z\t{otherHash};{hash}\n");
        _custodian.Server.Preload(File.ReadAllText(School(0))); // the register's fields: the file holds user entries alone

        var run = _custodian.Run("load", rsf, "--batch-size", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, _custodian.Server.Applied);
        Assert.Equal(FileRoot(rsf), _custodian.Server.UserRoot);
    }

    [Fact]
    public void A_refused_batch_stops_the_load_at_once_naming_the_line_of_the_file_and_sends_no_further_batch()
    {
        var rsf = School(3_000);
        _custodian.Server.RefuseWrite = 2;

        var run = _custodian.Run("load", rsf, "--batch-size", "1000");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, _custodian.Server.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.Equal(993, _custodian.Server.UserSize);
        // The fake names the batch's second line; the batch starts at the file's entry 994 (its add-item line).
        var expected = File.ReadLines(rsf).Select((line, index) => (line, index)).Where(l => l.line.StartsWith("add-item", StringComparison.Ordinal)).ElementAt(7 + 993).index + 2;
        Assert.True(run.Error.Contains($"  file line {expected}: refused by the fake [fake]\n", StringComparison.Ordinal), run.ToString());
        Assert.DoesNotContain("the first: line 2", run.Error, StringComparison.Ordinal); // the batch's own numbering, which is not the file's
        Assert.Contains("stopped at the first refusal, after 1,000 entries in 1 batch", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_batch_whose_problems_are_not_all_listed_says_how_many_more_there_were()
    {
        var rsf = School(10);
        _custodian.Server.RefuseWrite = 1;
        _custodian.Server.RefusedProblems = 250;

        var run = _custodian.Run("load", rsf);

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Error.Contains(": refused by the fake [fake]\n  ... and 249 more problems (250 in all)\n", StringComparison.Ordinal), run.ToString());
        Assert.DoesNotContain("--lenient", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_load_refused_for_repeats_alone_suggests_lenient_for_history()
    {
        var rsf = School(10);
        _custodian.Server.RefuseWrite = 1;
        _custodian.Server.RefusedRule = "repeat";

        var run = _custodian.Run("load", rsf);

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Error.Contains("--lenient", StringComparison.Ordinal), run.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("assert-root-hash\tsha-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")]
    public void A_file_without_entries_for_a_register_that_does_not_exist_says_nothing_was_created(string contents)
    {
        var rsf = _custodian.Folder.File("empty.rsf", contents);

        var run = _custodian.Run("load", rsf);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Out);
        Assert.Contains("nothing created: there is no register 'school'", run.Error, StringComparison.Ordinal);
        Assert.Contains("holds no entries", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public void A_file_asserting_a_wrong_root_is_refused_offline_before_anything_is_sent()
    {
        _custodian.Server.Preload(File.ReadAllText(School(10)));
        var rsf = School(30);
        var lines = File.ReadAllLines(rsf).ToList();
        var last = lines.FindLastIndex(line => line.StartsWith("assert-root-hash", StringComparison.Ordinal));
        lines[last] = "assert-root-hash\tsha-256:" + new string('0', 64);
        File.WriteAllLines(rsf, lines);

        var run = _custodian.Run("load", rsf);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("errors: 1", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(_custodian.Server.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal(10, _custodian.Server.UserSize);
    }
}
