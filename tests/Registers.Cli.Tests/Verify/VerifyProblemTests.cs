using System.Diagnostics;
using System.Text;
using Registers.Cli.Tests.Support;

namespace Registers.Cli.Tests.Verify;

public sealed class VerifyProblemTests
{
    private const string Item = """{"country":"GB","name":"United Kingdom"}""";
    private const string Hash = "sha-256:74d528a1e3e821892bbdfb0e98d9e00ff5234a02e85e80d7a758f0f5cb170192"; // of Item
    private const string Entry = "append-entry\tuser\tGB\t2010-11-12T13:14:15Z\t" + Hash;
    private const string Good = $"add-item\t{Item}\n{Entry}\n";

    [Theory]
    [InlineData(Good + "append-entry\tuser\tGB\t2010-11-12T13:14:15Z\n", "line 3: append-entry takes 4 tab-separated fields after the command (log, key, timestamp and item hashes), found 3")]
    [InlineData(Good + "append-entry\tuser\tGB\t2010-11-12T1", "line 3: append-entry takes 4 tab-separated fields")]
    [InlineData("add-item\t{\"name\":\"x\",\"country\":\"FR\"}\n" + Good, "line 1, column 22: item is not canonical JSON: keys must be sorted")]
    [InlineData(Good + "remove-entry\tGB\n", "line 3, column 1: unknown command 'remove-entry'")]
    [InlineData(Good + "assert-root-hash\tsha-256:abc\n", "line 3, column 18: invalid hash (3 hex digits where SHA-256 has 64)")]
    [InlineData(Good + "add-item\t{\"a\":\"b\"}\n", "line 3: item sha-256:")] // orphan item
    [InlineData(Good + "append-entry\tuser\tFR\t2010-11-12T13:14:15Z\tsha-256:" + "0000000000000000000000000000000000000000000000000000000000000000" + "\n",
        "line 3: append-entry cites item sha-256:0000000000000000000000000000000000000000000000000000000000000000, which no add-item before it added")]
    [InlineData(Good + "assert-root-hash\tsha-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
        "line 3, column 18: assert-root-hash sha-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 does not hold: the 1 user entries so far have root sha-256:")]
    public void A_file_with_a_problem_exits_1_and_lists_it_by_line(string rsf, string expected)
    {
        using var file = TempFile.With(rsf);
        var run = RegistersCli.Run("verify", file.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("errors: 1\n  " + expected, run.Out, StringComparison.Ordinal);
        Assert.EndsWith("invalid: 1 error\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line_and_column()
    {
        using var file = TempFile.With([.. Encoding.UTF8.GetBytes(Good + "add-item\t{\"a\":\""), 0xC3, 0x28, .. "\"}\n"u8]);
        var run = RegistersCli.Run("verify", file.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3, column 16: invalid UTF-8 in the item", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_100_mb_line_is_refused_quickly_and_the_rest_of_the_file_is_still_checked()
    {
        var path = Path.Combine(Path.GetTempPath(), $"registers-test-{Guid.NewGuid():N}.rsf");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.Write(Encoding.UTF8.GetBytes($"add-item\t{Item}\nadd-item\t{{\"a\":\""));
                var chunk = new byte[1 << 20];
                chunk.AsSpan().Fill((byte)'x');
                for (var i = 0; i < 100; i++)
                {
                    stream.Write(chunk);
                }

                stream.Write(Encoding.UTF8.GetBytes($"\"}}\n{Entry}\n"));
            }

            var timer = Stopwatch.StartNew();
            var run = RegistersCli.Run("verify", path);

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Equal("errors: 1\n  line 2: line longer than the limit of 8388608 bytes; skipped\n",
                run.Out[run.Out.IndexOf("errors:", StringComparison.Ordinal)..run.Out.IndexOf("invalid:", StringComparison.Ordinal)]);
            Assert.Contains("user entries: 1\n", run.Out, StringComparison.Ordinal);
            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(30), $"took {timer.Elapsed}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Only_the_first_problems_are_listed_with_a_count_of_the_rest()
    {
        using var file = TempFile.With(string.Concat(Enumerable.Range(0, 130).Select(i => $"bad {i}\n")));
        var run = RegistersCli.Run("verify", file.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("errors: 130\n  line 1, column 1: unknown command 'bad 0'", run.Out, StringComparison.Ordinal);
        Assert.Contains("  line 100, column 1: unknown command 'bad 99'", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("line 101,", run.Out, StringComparison.Ordinal);
        Assert.Contains("  ... and 30 more errors\n", run.Out, StringComparison.Ordinal);

        var fewer = RegistersCli.Run("verify", "--max-problems", "2", file.Path);
        Assert.Contains("  ... and 128 more errors\n", fewer.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_2_with_the_reason_on_standard_error()
    {
        var run = RegistersCli.Run("verify", "/nonexistent/country.rsf");

        Assert.Equal((2, ""), (run.ExitCode, run.Out));
        Assert.Contains("registers verify: cannot read /nonexistent/country.rsf: ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[] { "verify" }, "missing required argument 'FILE'")]
    [InlineData(new[] { "verify", "--max-problems", "-1", "x.rsf" }, "--max-problems cannot be negative")]
    [InlineData(new[] { "verify", "--no-such-option", "x.rsf" }, "no-such-option")]
    [InlineData(new[] { "vreify", "x.rsf" }, "Unknown command 'vreify'")]
    public void Usage_errors_exit_2(string[] args, string message)
    {
        var run = RegistersCli.Run(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_the_command_its_examples_and_exit_codes()
    {
        var run = RegistersCli.Run("verify", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("registers verify <FILE>", run.Out, StringComparison.Ordinal);
        Assert.Contains("registers verify country.rsf", run.Out, StringComparison.Ordinal);
        Assert.Contains("Exit", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 usage or I/O", run.Out, StringComparison.Ordinal);
    }
}
