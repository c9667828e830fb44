using System.Diagnostics;
using System.Text.Json;

namespace Registers.Server.Tests.Bench;

public sealed class BenchSmokeTests
{
    /// <summary>
    /// Tiny sizes, seconds: proves the whole harness still works: the protocol part (generator, measurements, child
    /// processes) and the server part (private durable PostgreSQL, the server as its own process, the registers command's
    /// load beside bare Marten and COPY, every read under the load generator, signed concurrent appends beside bare Marten,
    /// statement counting, the peak memory of each phase, start-ups), then the table and the JSON.
    /// </summary>
    [Fact]
    public async Task The_benchmark_runs_both_parts_in_smoke_mode_and_writes_every_figure_as_json()
    {
        var json = Path.Combine(Path.GetTempPath(), $"registers-bench-smoke-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output) = await RunAsync("--smoke", "--json", json);

            Assert.True(exitCode == 0, output);
            using var results = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
            var rows = results.RootElement.GetProperty("rows").EnumerateArray()
                .ToDictionary(row => row.GetProperty("figure").GetString()!, row => row.GetProperty("value").GetDouble());
            Assert.All(rows, row => Assert.True(double.IsFinite(row.Value) && row.Value >= 0, $"{row.Key}: {row.Value}"));
            string[] figures =
            [
                "registers verify, 10,000-entry RSF",
                "inclusion proofs verified at size 10,000",
                "registers load (signed batches over HTTP), 2,000 entries",
                "bare Marten quick-append, same events",
                "Npgsql binary COPY, same entry rows",
                "server peak working set during the load",
                "record lookup, 32 connections",
                "record with its inclusion proof (2 requests), p99 latency",
                "entries page of 100, 32 connections",
                "inclusion proof at size 2,000, 32 connections",
                "inclusion proof at size 2,000, p99 latency",
                "server peak working set during the reads",
                "signed single appends, 32 clients, one register of 2,000",
                "signed single appends, 32 clients, one register of 2,000, p99",
                "signed single appends, 32 clients over 32 registers, p50",
                "whole register as RSF (/download-rsf), 2,000 entries",
                "server peak working set during the download",
                "server peak working set during the appends",
                "start-up to first answer",
                "server peak working set during the start-up",
            ];
            Assert.All(figures, figure => Assert.Contains(rows, row => row.Key.StartsWith(figure, StringComparison.Ordinal) && row.Value > 0));

            // Proofs at a size the server has answered before may need no statement at all (tiles and sizes from memory).
            Assert.Contains(rows, row => row.Key.StartsWith("inclusion proof at size 2,000, database statements per proof", StringComparison.Ordinal) && row.Value >= 0);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Theory]
    [InlineData("--sise", "10000")]
    [InlineData("--size")]
    [InlineData("--smoke", "--only", "server", "--jsno", "out.json")]
    public async Task A_mistyped_or_incomplete_option_stops_the_benchmark_before_it_starts(params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("is not an option here, or lacks its value", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Registers benchmark (", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the harness to its end; its exit code, and what it wrote to both outputs.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Registers.Bench.exe" : "Registers.Bench");
        var start = new ProcessStartInfo(executable, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output + await errors);
    }
}
