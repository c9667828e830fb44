using System.Diagnostics;
using System.Globalization;
using Registers.Bench.Server;
using Registers.Protocol.Rsf;

namespace Registers.Bench;

/// <summary>
/// Usage: Registers.Bench [--smoke] [--size N] [--only protocol|server] [--json FILE] [--work DIR]
/// <list type="bullet">
/// <item><c>--smoke</c>: tiny sizes, seconds: proves the harness runs (a test runs it); its figures mean nothing.</item>
/// <item><c>--size</c>: the register's size in user entries (default 1,000,000): what is loaded, read and appended to, and
/// the size of the trees and files of the protocol part; one command per point of the scaling runs.</item>
/// <item><c>--only</c>: run one part: <c>protocol</c> (hashing, trees, proofs, verify; in process) or <c>server</c>
/// (the Release server as its own process on a private PostgreSQL: bulk load, proofs under load, start-up). Both by default.</item>
/// <item><c>--json</c>: where to write the results as JSON (default: bench-results.json, or bench-smoke.json with --smoke).</item>
/// <item><c>--work</c>: where generated RSF files go (default: a folder in the temp directory, deleted afterwards).</item>
/// </list>
/// </summary>
internal static class Program
{
    public const string ChildVerifyOption = "--child-verify";

    private const string Usage = "usage: Registers.Bench [--smoke] [--size N] [--only protocol|server] [--json FILE] [--work DIR]";

    private static readonly string[] ValueOptions = ["--size", "--only", "--json", "--work"];

    public static async Task<int> Main(string[] args)
    {
        if (args is [ChildVerifyOption, var childFile])
        {
            return VerifyAsChild(childFile);
        }

        if (args is ["--help" or "-h"])
        {
            Console.WriteLine(Usage);
            return 0;
        }

        // A mistyped option must not start a run of many minutes with the defaults.
        if (FirstUnknownOption(args) is { } unknown)
        {
            await Console.Error.WriteLineAsync($"'{unknown}' is not an option here, or lacks its value.\n{Usage}");
            return 2;
        }

        var smoke = args.Contains("--smoke");
        var only = OptionValue(args, "--only");
        if (only is not (null or "protocol" or "server"))
        {
            await Console.Error.WriteLineAsync($"--only takes 'protocol' or 'server', not '{only}'.");
            return 2;
        }

        var size = OptionValue(args, "--size") is { } sizeText ? int.Parse(sizeText, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 1_000_000;
        if (size < 1_000)
        {
            await Console.Error.WriteLineAsync($"--size takes at least 1,000 entries, not {size}.");
            return 2;
        }

        var json = OptionValue(args, "--json") ?? (smoke ? "bench-smoke.json" : "bench-results.json");
        var work = OptionValue(args, "--work") ?? Path.Combine(Path.GetTempPath(), $"registers-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            var protocolSizes = smoke ? Sizes.Smoke : Sizes.Full.OfRegister(size);
            var serverSizes = smoke ? ServerSizes.Smoke : ServerSizes.Full with { LoadEntries = size };
            var machine = Machine.Describe();
            Console.WriteLine($"Registers benchmark ({(smoke ? "smoke: tiny sizes, figures mean nothing" : $"register of {size:N0} entries")}, parts: {only ?? "protocol and server"}); "
                + $"{machine}; .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger attached" : BuildKind)} build");
            var loadBefore = Machine.LoadAverage();
            Console.WriteLine($"load average before: {loadBefore}");

            var parts = new List<PartResult>();
            if (only is null or "protocol")
            {
                parts.Add(new Benchmarks(protocolSizes, work).Run());
            }

            if (only is null or "server")
            {
                parts.Add(await new ServerBenchmarks(serverSizes, work).RunAsync());
            }

            var rows = parts.SelectMany(part => part.Rows).ToList();
            var loadAfter = Machine.LoadAverage();
            Report.Print(Console.Out, rows);
            foreach (var note in parts.SelectMany(part => part.Notes))
            {
                Console.WriteLine(note);
            }

            Console.WriteLine($"load average after: {loadAfter} (2 cores: above 2 means something else wanted the CPU too)");
            Report.WriteJson(json, smoke, machine, new { loadBefore, loadAfter }, new { protocol = protocolSizes, server = serverSizes }, rows);
            Console.WriteLine($"results written to {Path.GetFullPath(json)}");
            return 0;
        }
        finally
        {
            if (OptionValue(args, "--work") is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Debug or Release: the configuration this harness (and so the server it runs) was built in.</summary>
    public static string BuildKind =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The first argument that is neither a known option nor the value of one, or an option whose value is missing.</summary>
    private static string? FirstUnknownOption(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (ValueOptions.Contains(args[i]))
            {
                if (++i == args.Length)
                {
                    return args[i - 1];
                }
            }
            else if (args[i] != "--smoke")
            {
                return args[i];
            }
        }

        return null;
    }

    public static string? OptionValue(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Verifies one file in this fresh process and prints its peak working set in bytes.</summary>
    private static int VerifyAsChild(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var result = RsfVerifier.Verify(stream);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
        return result.IsValid ? 0 : 1;
    }
}
