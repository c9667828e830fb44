using Registers.Generator;

namespace Registers.Bench.Server;

/// <summary>
/// The server part: a private durable PostgreSQL, the server's Release build as its own process, and five phases in
/// one run: the bulk load beside its baselines, reads under load beside a bare endpoint (once what was loaded is
/// vacuumed), the whole register downloaded, concurrent signed appends beside bare Marten, start-up. The server's
/// peak working set is taken in each phase.
/// </summary>
internal sealed class ServerBenchmarks(ServerSizes sizes, string workFolder)
{
    /// <summary>The register every phase loads and reads.</summary>
    public const string Register = SchoolRegister.Name;

    public async Task<PartResult> RunAsync()
    {
        var file = Benchmarks.GeneratedFile(workFolder, sizes.LoadEntries);
        var scratch = Path.Combine(Path.GetTempPath(), $"registers-bench-server-{Environment.ProcessId}");
        Directory.CreateDirectory(scratch);
        using var interruption = Interruption.OnInterrupt(() => DeleteFolder(scratch));
        var notes = new List<string>();
        try
        {
            Console.WriteLine($"server part: {Program.BuildKind} server as its own process, private PostgreSQL (durable) in {scratch}");
            List<Row> rows;
            await using (var cluster = await BenchCluster.StartAsync(Path.Combine(scratch, "postgres")))
            {
                Console.WriteLine($"bulk load of {file}:");
                var load = await new LoadBenchmark(sizes, cluster, scratch).RunAsync(file, notes);
                rows = [.. load.Rows];
                await using (load.Server)
                {
                    var idle = load.Rows.Single(row => row.Figure.StartsWith(LoadBenchmark.PeakFigure, StringComparison.Ordinal)).Baseline;
                    var vacuum = await Settling.VacuumAsync(cluster.AdminConnectionString, load.Database);
                    Console.WriteLine($"VACUUM (ANALYZE) after the load: {vacuum:0.0} s");
                    notes.Add($"settling: VACUUM (ANALYZE) of the loaded database before the reads took {vacuum:0.0} s (PostgreSQL's advice after a bulk load; "
                        + "left to autovacuum, it runs during the reads).");
                    Console.WriteLine("reads under load:");
                    rows.AddRange(await PeakDuringAsync(load.Server, "reads", idle,
                        () => ReadBenchmark.RunAsync(sizes, load.Server, cluster.PostmasterPid, new StatementCounter(cluster.AdminConnectionString, load.Database), notes)));
                    Console.WriteLine("download:");
                    rows.AddRange(await PeakDuringAsync(load.Server, "download", idle, () => DownloadBenchmark.RunAsync(sizes, load.Server, notes)));
                    Console.WriteLine("concurrent appends:");
                    rows.AddRange(await PeakDuringAsync(load.Server, "appends", idle,
                        () => new AppendBenchmark(sizes, load.Server, cluster, load.Database).RunAsync(notes)));
                }

                Console.WriteLine("start-up:");
                rows.AddRange(await StartUpBenchmark.RunAsync(sizes, load.DataDirectory, load.ConnectionString, Path.Combine(scratch, "own"), notes));
            }

            return new PartResult(rows, notes);
        }
        finally
        {
            DeleteFolder(scratch);
        }
    }

    /// <summary>The rows of a phase, then the server's peak working set during it, beside its working set idle after start.</summary>
    private static async Task<IReadOnlyList<Row>> PeakDuringAsync(BenchServer server, string phase, double idleMb, Func<Task<IReadOnlyList<Row>>> run)
    {
        server.ResetPeak();
        var rows = await run();
        return [.. rows, new Row($"{LoadBenchmark.PeakFigure} {phase}", server.PeakWorkingSetBytes / 1e6, "MB", idleMb, "MB idle after start", "", null)];
    }

    /// <summary>Deletes a folder that an interrupted run may be deleting at the same time.</summary>
    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // gone already, or going
        }
    }
}
