using System.Diagnostics;
using System.Globalization;
using Registers.Bench;
using Registers.Generator;
using Registers.Protocol.Rsf;

// Usage: Registers.Bench [--smoke] [--json FILE] [--work DIR]
//   --smoke  tiny sizes, seconds: proves the harness runs (a test runs it); its figures mean nothing.
//   --json   where to write the results as JSON (default: bench-results.json, or bench-smoke.json with --smoke).
//   --work   where generated RSF files go (default: a folder in the temp directory, deleted afterwards).
if (args is [Program.ChildVerifyOption, var childFile])
{
    return Program.VerifyAsChild(childFile);
}

var smoke = args.Contains("--smoke");
var json = Program.OptionValue(args, "--json") ?? (smoke ? "bench-smoke.json" : "bench-results.json");
var work = Program.OptionValue(args, "--work") ?? Path.Combine(Path.GetTempPath(), $"registers-bench-{Environment.ProcessId}");
Directory.CreateDirectory(work);
try
{
    var sizes = smoke ? Sizes.Smoke : Sizes.Full;
    var bench = new Benchmarks(sizes, work);
    Console.WriteLine($"Registers protocol benchmark ({(smoke ? "smoke: tiny sizes, figures mean nothing" : "full")}); "
        + $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger attached" : BuildKind())} build; medians of {sizes.Repetitions} runs");
    var timer = Stopwatch.StartNew();
    var generated = bench.GeneratedFile(sizes.VerifyEntries);
    Console.WriteLine($"generated {generated} in {timer.Elapsed.TotalSeconds:N1} s, sha-256 of the file {SchoolRegister.FileHash(generated)}");

    List<Row> rows = [bench.LibraryDigests(), bench.LeafHashes(), bench.TreeRoot(), bench.InclusionProofs(), bench.VerifyThroughput()];
    var (small, large) = bench.PeakMemory();
    rows.AddRange([small, large]);
    Report.Print(Console.Out, rows);
    Console.WriteLine("memory: the reader's buffer and the trees are flat; the replay keeps every distinct item hash with its line (for the");
    Console.WriteLine("orphan checks) and each key's latest item hash (for the repeat warning), about 100-200 bytes per entry of a file");
    Console.WriteLine("whose keys and items are mostly new, so peak memory grows with them.");
    Report.WriteJson(json, smoke, sizes, rows);
    Console.WriteLine($"results written to {Path.GetFullPath(json)}");
    return 0;
}
finally
{
    if (Program.OptionValue(args, "--work") is null)
    {
        Directory.Delete(work, recursive: true);
    }
}

static string BuildKind() =>
#if DEBUG
    "Debug";
#else
    "Release";
#endif

internal static partial class Program
{
    public const string ChildVerifyOption = "--child-verify";

    public static string? OptionValue(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Verifies one file in this fresh process and prints its peak working set in bytes.</summary>
    public static int VerifyAsChild(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var result = RsfVerifier.Verify(stream);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
        return result.IsValid ? 0 : 1;
    }
}
