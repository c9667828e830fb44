using System.Diagnostics;
using System.Text.Json;

namespace Registers.Protocol.Tests.Bench;

public sealed class BenchSmokeTests
{
    [Fact]
    public async Task The_benchmark_runs_in_smoke_mode_and_writes_every_figure_as_json()
    {
        // Tiny sizes, a few seconds: proves the harness (generator, measurements, child processes, table, JSON) still works.
        var json = Path.Combine(Path.GetTempPath(), $"registers-bench-smoke-{Guid.NewGuid():N}.json");
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Registers.Bench.exe" : "Registers.Bench");
        try
        {
            var start = new ProcessStartInfo(executable, ["--smoke", "--json", json]) { RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.True(process.ExitCode == 0, output);
            Assert.Contains("registers verify, 10,000-entry RSF", output, StringComparison.Ordinal);
            using var results = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
            var rows = results.RootElement.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(7, rows.Count);
            Assert.All(rows, row => Assert.True(row.GetProperty("value").GetDouble() > 0));
        }
        finally
        {
            File.Delete(json);
        }
    }
}
