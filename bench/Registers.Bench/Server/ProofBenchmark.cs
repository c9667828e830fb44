namespace Registers.Bench.Server;

/// <summary>
/// Inclusion proofs at the loaded size under load, beside the server's bare endpoint measured the same way in
/// alternating windows; then the statements each causes in PostgreSQL, counted one request at a time.
/// </summary>
internal static class ProofBenchmark
{
    private const int DistinctProofs = 4096;

    public static async Task<IReadOnlyList<Row>> RunAsync(ServerSizes sizes, BenchServer server, StatementCounter statements, List<string> notes)
    {
        long size = sizes.LoadEntries;
        var random = new Random(6962);
        var proofs = Enumerable.Range(0, DistinctProofs)
            .Select(_ => new Uri(server.Address, Endpoints.EntryProof(ServerBenchmarks.Register, random.NextInt64(1, size + 1), size)))
            .ToArray();
        Uri[] bare = [new Uri(server.Address, Endpoints.LogKey)];

        var (warmUp, window) = (TimeSpan.FromSeconds(sizes.WarmUpSeconds), TimeSpan.FromSeconds(sizes.WindowSeconds));
        var (proofRuns, bareRuns) = (new List<LoadResult>(), new List<LoadResult>());
        var (proofCpu, bareCpu) = (new List<double>(), new List<double>());
        for (var i = 0; i < sizes.Windows; i++)
        {
            bareRuns.Add(await MeasureAsync(bare, bareCpu));
            proofRuns.Add(await MeasureAsync(proofs, proofCpu));
            Console.WriteLine($"  window {i + 1}: proofs {proofRuns[^1].PerSecond:N0}/s p99 {proofRuns[^1].P99Ms:N2} ms; bare endpoint {bareRuns[^1].PerSecond:N0}/s p99 {bareRuns[^1].P99Ms:N2} ms");
        }

        // The server's CPU per request answered, warm-up included on both sides of the division.
        async Task<LoadResult> MeasureAsync(Uri[] targets, List<double> cpuPerRequest)
        {
            var before = server.CpuTime;
            var result = await LoadGenerator.RunAsync(targets, sizes.Connections, warmUp, window);
            cpuPerRequest.Add((server.CpuTime - before).TotalMilliseconds / result.Answered);
            return result;
        }

        var failures = proofRuns.Concat(bareRuns).Sum(run => run.Failures);
        if (failures > 0 || proofRuns.Concat(bareRuns).Any(run => run.Requests == 0))
        {
            throw new InvalidOperationException($"{failures} requests failed under load, or a window answered none: the figures would mean nothing.");
        }

        using var client = new HttpClient();
        var samples = sizes.StatementSamples;
        var proofStatements = await statements.DuringAsync(samples, i => GetAsync(client, proofs[i % proofs.Length]));
        var bareStatements = await statements.DuringAsync(samples, _ => GetAsync(client, bare[0]));
        var (perProof, perBare) = ((double)proofStatements.Calls / samples, (double)bareStatements.Calls / samples);

        notes.Add($"proofs: {sizes.Connections} connections from a .NET load generator in another process on the same cores, {DistinctProofs:N0} random (n, {size:N0}) proofs; "
            + $"{sizes.WarmUpSeconds:N1} s warm-up then {sizes.WindowSeconds:N1} s measured, {sizes.Windows} window(s) per endpoint alternating with the bare endpoint "
            + $"({Endpoints.LogKey}, no database); medians over windows. Server process CPU per answer: proof {Measure.Median(proofCpu):N3} ms, "
            + $"bare {Measure.Median(bareCpu):N3} ms.");
        notes.Add($"statements: pg_stat_statements in the server's database over {samples} proofs sent one at a time, "
            + $"{proofStatements.Seconds * 1000 / samples:N2} ms a proof executing them:");
        notes.AddRange(proofStatements.Top.Select(statement => "  " + statement));

        string Proofs(string what) => $"inclusion proof at size {size:N0}, {what}";
        var p99 = Measure.Median(proofRuns.Select(run => run.P99Ms));
        return
        [
            new Row(Proofs($"{sizes.Connections} connections"), Measure.Median(proofRuns.Select(run => run.PerSecond)), "proofs/s",
                Measure.Median(bareRuns.Select(run => run.PerSecond)), "req/s bare endpoint", "", null),
            new Row(Proofs("p50 latency"), Measure.Median(proofRuns.Select(run => run.P50Ms)), "ms", Measure.Median(bareRuns.Select(run => run.P50Ms)), "ms bare endpoint", "", null),
            new Row(Proofs("p99 latency"), p99, "ms", Measure.Median(bareRuns.Select(run => run.P99Ms)), "ms bare endpoint", "<= 10 ms", p99 <= 10),
            new Row(Proofs("database statements per proof"), perProof, "statements", perBare, "per bare request", "<= 3 round trips", perProof <= 3),
        ];
    }

    private static async Task GetAsync(HttpClient client, Uri target)
    {
        using var response = await client.GetAsync(target);
        response.EnsureSuccessStatusCode();
    }
}
