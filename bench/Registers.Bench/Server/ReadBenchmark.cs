namespace Registers.Bench.Server;

/// <summary>
/// The read API under load at the loaded size, every kind of read beside the server's bare endpoint measured the same
/// way in the same rounds (each round measures every target once, in turn); then the statements a proof causes in
/// PostgreSQL, counted one request at a time.
/// </summary>
internal static class ReadBenchmark
{
    public static async Task<IReadOnlyList<Row>> RunAsync(ServerSizes sizes, BenchServer server, int postmaster, StatementCounter statements, List<string> notes)
    {
        long size = sizes.LoadEntries;
        var (bare, reads) = await ReadTargets.BuildAsync(server, size, sizes.RecordsWithProof);
        ReadTarget[] targets = [bare, .. reads];
        var runs = targets.ToDictionary(target => target, _ => new List<LoadResult>());
        var cpu = targets.ToDictionary(target => target, _ => new List<double>());
        var shares = new CpuShares(server, postmaster);
        var lastShares = new Dictionary<ReadTarget, string>();
        var (warmUp, window) = (TimeSpan.FromSeconds(sizes.WarmUpSeconds), TimeSpan.FromSeconds(sizes.WindowSeconds));
        for (var round = 1; round <= sizes.Windows; round++)
        {
            foreach (var target in targets)
            {
                var before = server.CpuTime;
                shares.Start();
                var result = await LoadGenerator.RunAsync(target.Operations, sizes.Connections, warmUp, window);
                lastShares[target] = shares.PerOperation(result.Answered, "answer");
                cpu[target].Add((server.CpuTime - before).TotalMilliseconds / result.Answered); // warm-up on both sides of the division
                runs[target].Add(result);
            }

            Console.WriteLine($"  round {round}: " + string.Join("; ", targets.Select(t => $"{t.Name} {runs[t][^1].PerSecond:N0}/s p99 {runs[t][^1].P99Ms:N1} ms")));
        }

        var all = runs.Values.SelectMany(list => list).ToList();
        var failures = all.Sum(run => run.Failures);
        if (failures > 0 || all.Any(run => run.Requests == 0))
        {
            throw new InvalidOperationException($"{failures} reads failed under load, or a window answered none: the figures would mean nothing.");
        }

        var samples = sizes.StatementSamples;
        var proofs = reads[^1].Operations;
        using var client = new HttpClient();
        var proofStatements = await statements.DuringAsync(samples, i => GetAsync(client, proofs[i % proofs.Count][0]));
        var bareStatements = await statements.DuringAsync(samples, _ => GetAsync(client, bare.Operations[0][0]));

        notes.Add($"reads: {sizes.Connections} keep-alive connections from the harness's own HTTP/1.1 load generator (requests encoded beforehand, answers read by Content-Length), on the same cores; "
            + $"{sizes.WarmUpSeconds:N1} s warm-up then {sizes.WindowSeconds:N1} s measured, {sizes.Windows} round(s), each measuring every read and the "
            + $"bare endpoint ({Endpoints.LogKey}, no database) in turn; medians over rounds. Server process CPU per answer: "
            + string.Join(", ", targets.Select(t => $"{t.Name} {Measure.Median(cpu[t]):N3} ms")) + ".");
        notes.Add("reads, last round, where the machine's CPU went (the load generator is the harness):");
        notes.AddRange(targets.Select(t => $"  {t.Name}: {lastShares[t]}"));
        notes.Add($"statements: pg_stat_statements in the server's database over {samples} proofs sent one at a time, "
            + (proofStatements.Calls == 0
                ? "none executed (sizes and tiles the server already held)"
                : $"{proofStatements.Seconds * 1000 / samples:N2} ms a proof executing them:"));
        notes.AddRange(proofStatements.Top.Select(statement => "  " + statement));

        var (bareRate, bareP50, bareP99) = Medians(runs[bare]);
        var rows = new List<Row>();
        foreach (var read in reads)
        {
            var (rate, p50, p99) = Medians(runs[read]);
            rows.Add(new Row($"{read.Name}, {sizes.Connections} connections", rate, read.Unit, bareRate, "req/s bare endpoint",
                read.RateGoal is { } least ? $">= {least:N0}/s" : "", read.RateGoal is { } goal ? rate >= goal : null));
            rows.Add(new Row($"{read.Name}, p50 latency", p50, "ms", bareP50, "ms bare endpoint", "", null));
            rows.Add(new Row($"{read.Name}, p99 latency", p99, "ms", bareP99, "ms bare endpoint",
                read.P99GoalMs is { } most ? $"<= {most:N0} ms" : "", read.P99GoalMs is { } limit ? p99 <= limit : null));
        }

        var (perProof, perBare) = ((double)proofStatements.Calls / samples, (double)bareStatements.Calls / samples);
        rows.Add(new Row($"{reads[^1].Name}, database statements per proof", perProof, "statements", perBare, "per bare request", "<= 3 round trips", perProof <= 3));
        return rows;
    }

    private static (double Rate, double P50, double P99) Medians(List<LoadResult> runs) =>
        (Measure.Median(runs.Select(run => run.PerSecond)), Measure.Median(runs.Select(run => run.P50Ms)), Measure.Median(runs.Select(run => run.P99Ms)));

    private static async Task GetAsync(HttpClient client, Uri target)
    {
        using var response = await client.GetAsync(target);
        response.EnsureSuccessStatusCode();
    }
}
