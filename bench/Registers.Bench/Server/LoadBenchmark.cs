using System.Net.Http.Json;
using System.Text.Json;

namespace Registers.Bench.Server;

/// <summary>
/// The bulk load, side by side: binary COPY of the entry rows (the floor), bare Marten appending the same events
/// (the baseline), and the server loading the file over HTTP (the figure), each into a fresh database after a
/// checkpoint, so none pays for the writes of another. The server's load is made by the <c>registers load</c> command.
/// </summary>
internal sealed class LoadBenchmark(ServerSizes sizes, BenchCluster cluster, string scratch)
{
    /// <summary>The rows, and the server of the last run, still running with the loaded register, for the next phases.</summary>
    /// <summary>The start of the figures of the server's peak working set, one per phase.</summary>
    public const string PeakFigure = "server peak working set during the";

    public sealed record Outcome(IReadOnlyList<Row> Rows, BenchServer Server, string Database, string ConnectionString, string DataDirectory);

    public async Task<Outcome> RunAsync(string file, List<string> notes)
    {
        var entries = sizes.LoadEntries;
        var (copyRates, bareRates, serverRates, idle, peaks) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        Outcome? last = null;
        try
        {
            for (var run = 1; run <= sizes.LoadRuns; run++)
            {
                await cluster.CheckpointAsync();
                var (copySeconds, copyRows) = await CopyFloor.RunAsync(await cluster.CreateDatabaseAsync($"floor_{run}"), file, ServerBenchmarks.Register);
                await cluster.DropDatabaseAsync($"floor_{run}"); // each baseline's rows gone before the next measurement, their autovacuum with them
                copyRates.Add(entries / copySeconds);
                Console.WriteLine($"  run {run}: binary COPY of {copyRows:N0} entry rows in {copySeconds:N2} s");

                await cluster.CheckpointAsync();
                var bareDatabase = await cluster.CreateDatabaseAsync($"bare_{run}");
                var bareStatements = new StatementCounter(cluster.AdminConnectionString, $"bare_{run}");
                await bareStatements.ResetAsync();
                var (martenSeconds, allSeconds) = await BareMartenLoad.RunAsync(bareDatabase, file, ServerBenchmarks.Register);
                bareRates.Add(entries / martenSeconds);
                Console.WriteLine($"  run {run}: bare Marten quick-append {martenSeconds:N2} s in Marten ({allSeconds:N2} s with building the events), "
                    + $"PostgreSQL executing {(await bareStatements.ReadAsync()).Seconds:N1} s");
                await cluster.DropDatabaseAsync($"bare_{run}");

                await cluster.CheckpointAsync();
                if (last is not null)
                {
                    await last.Server.DisposeAsync();
                    last = null;
                }

                var database = $"registers_{run}";
                var connectionString = await cluster.CreateDatabaseAsync(database);
                var dataDirectory = Path.Combine(scratch, $"server-{run}");
                last = new Outcome([], await BenchServer.StartAsync(dataDirectory, connectionString), database, connectionString, dataDirectory);
                idle.Add(last.Server.WorkingSetBytes / 1e6);
                last.Server.ResetPeak();
                var serverStatements = new StatementCounter(cluster.AdminConnectionString, database);
                await serverStatements.ResetAsync();
                var cpuBefore = last.Server.CpuTime;
                var (serverSeconds, summary) = await CliLoad.RunAsync(last.Server, file, ServerBenchmarks.Register);
                await CheckSizeAsync(last.Server, file, entries);
                var cpu = (last.Server.CpuTime - cpuBefore).TotalSeconds;
                var executed = await serverStatements.ReadAsync(top: 6);
                serverRates.Add(entries / serverSeconds);
                peaks.Add(last.Server.PeakWorkingSetBytes / 1e6);
                Console.WriteLine($"  run {run}: registers load {serverSeconds:N2} s ({summary}), server peak working set {peaks[^1]:N0} MB");
                notes.Add($"load run {run}: registers load {serverSeconds:N1} s ({summary}): server process CPU {cpu:N1} s; PostgreSQL executing {executed.Calls:N0} statements "
                    + $"{executed.Seconds:N1} s, most of it in:");
                notes.AddRange(executed.Top.Select(statement => "  " + statement));
            }
        }
        catch
        {
            if (last is not null)
            {
                await last.Server.DisposeAsync();
            }

            throw;
        }

        var (copy, bare, server) = (Measure.Median(copyRates), Measure.Median(bareRates), Measure.Median(serverRates));
        var runs = sizes.LoadRuns == 1 ? "one run" : $"median of {sizes.LoadRuns} runs";
        notes.Add($"load: {entries:N0} user entries ({new FileInfo(file).Length / 1e6:N0} MB of RSF), {runs}; bare Marten is timed inside Marten's calls only, "
            + "not while this process builds the next chunk's events; COPY writes the entry rows only (not items, records or tiles).");
        return last! with
        {
            Rows =
            [
                new Row($"registers load (signed batches over HTTP), {entries:N0} entries", server, "entries/s", bare, "entries/s bare Marten",
                    ">= 20,000/s and >= 0.5 x bare Marten", server >= 20_000 && server >= bare / 2),
                new Row("bare Marten quick-append, same events", bare, "entries/s", copy, "entries/s binary COPY", "", null),
                new Row("Npgsql binary COPY, same entry rows", copy, "entries/s", double.NaN, "", "", null),
                new Row($"{PeakFigure} load", Measure.Median(peaks), "MB", Measure.Median(idle), "MB idle after start", "", null),
            ],
        };
    }

    /// <summary>Checks that the register holds every entry of the file after the load.</summary>
    private static async Task CheckSizeAsync(BenchServer server, string file, long entries)
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        var proof = await client.GetFromJsonAsync<JsonElement>(Endpoints.RegisterProof(ServerBenchmarks.Register));
        var size = proof.GetProperty("total-entries").GetInt64();
        if (size != entries)
        {
            throw new InvalidOperationException($"After loading {file} the register holds {size:N0} entries, not {entries:N0}.");
        }
    }
}
