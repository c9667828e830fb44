using Registers.Generator;

namespace Registers.Bench.Server;

/// <summary>
/// The server part: a private durable PostgreSQL, the server's Release build as its own process, and three
/// phases in one run: the bulk load beside its baselines, proofs under load beside a bare endpoint, start-up.
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
                    Console.WriteLine("inclusion proofs under load:");
                    rows.AddRange(await ProofBenchmark.RunAsync(sizes, load.Server, new StatementCounter(cluster.AdminConnectionString, load.Database), notes));
                }

                Console.WriteLine("start-up:");
                rows.Add(await StartUpBenchmark.RunAsync(sizes, load.DataDirectory, load.ConnectionString, Path.Combine(scratch, "own"), notes));
            }

            return new PartResult(rows, notes);
        }
        finally
        {
            DeleteFolder(scratch);
        }
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
