using System.Globalization;
using System.Text;
using Registers.Client;

namespace Registers.Bench.Server;

/// <summary>
/// Concurrent single appends, each a signed request: callers all writing to the loaded register, and callers each on a
/// register of their own; beside bare Marten appending the same events one append per transaction (no group commit)
/// to one stream or a stream per caller, measured the same way in the same rounds.
/// </summary>
internal sealed class AppendBenchmark(ServerSizes sizes, BenchServer server, BenchCluster cluster, string database)
{
    private int _runs;

    private sealed record Scenario(string Name, IReadOnlyList<(string Register, string KeyField)> Registers, BareMartenAppends Bare, string BareName)
    {
        public List<LoadResult> Server { get; } = [];

        public List<LoadResult> Baseline { get; } = [];

        public List<StatementStats> Statements { get; } = [];

        public List<string> Cpu { get; } = [];
    }

    public async Task<IReadOnlyList<Row>> RunAsync(List<string> notes)
    {
        using var http = server.NewAdminClient();
        var client = new RegistersClient(http);
        var callers = sizes.Connections;
        var own = await CreateRegistersAsync(client, callers);
        var bareDatabase = await cluster.CreateDatabaseAsync("bare_appends");
        await using var oneStream = await BareMartenAppends.CreateAsync(bareDatabase, "one", 1);
        await using var manyStreams = await BareMartenAppends.CreateAsync(bareDatabase, "many", callers);
        Scenario[] scenarios =
        [
            new($"{callers} clients, one register of {sizes.LoadEntries:N0}", [(ServerBenchmarks.Register, ServerBenchmarks.Register)], oneStream, "one stream"),
            new($"{callers} clients over {callers} registers", own, manyStreams, $"{callers} streams"),
        ];

        var statements = new StatementCounter(cluster.AdminConnectionString, database);
        for (var round = 1; round <= sizes.Windows; round++)
        {
            foreach (var scenario in scenarios)
            {
                scenario.Baseline.Add(await MeasureAsync(scenario.Bare.AppendAsync));
                await statements.ResetAsync();
                var appends = new SignedAppends(client, scenario.Registers, ++_runs);
                var (entriesBefore, shares) = (await appends.EntriesAsync(), new CpuShares(server, cluster.PostmasterPid));
                shares.Start();
                var result = await MeasureAsync(appends.AppendAsync);
                scenario.Cpu.Add(shares.PerOperation(result.Answered));
                var added = await appends.EntriesAsync() - entriesBefore;
                if (added != result.Answered)
                {
                    throw new InvalidOperationException($"{result.Answered:N0} appends were answered but the registers grew by {added:N0} entries.");
                }

                scenario.Statements.Add(await statements.ReadAsync(top: 4));
                scenario.Server.Add(result);
                Console.WriteLine($"  round {round}, {scenario.Name}: {result.PerSecond:N0} appends/s p50 {result.P50Ms:N1} ms p99 {result.P99Ms:N1} ms; "
                    + $"bare Marten {scenario.Baseline[^1].PerSecond:N0}/s p99 {scenario.Baseline[^1].P99Ms:N1} ms");
            }
        }

        var all = scenarios.SelectMany(s => s.Server.Concat(s.Baseline)).ToList();
        var failures = all.Sum(run => run.Failures);
        if (failures > 0 || all.Any(run => run.Requests == 0))
        {
            throw new InvalidOperationException($"{failures} appends failed, or a window completed none: the figures would mean nothing.");
        }

        notes.Add($"appends: {callers} callers in a closed loop, each append one entry with a new item, signed (Ed25519, RFC 9421) with the admin key "
            + $"and sent by the client library; {sizes.WarmUpSeconds:N1} s warm-up then {sizes.WindowSeconds:N1} s measured, {sizes.Windows} round(s); "
            + "each counts only with its own entry number and a checkpoint, and the registers must grow by exactly the appends answered. "
            + "Bare Marten: the same two events (item, entry) per append, one transaction each, no projection, no signature, no HTTP. "
            + "The server's per-key write limit is raised for the run.");
        foreach (var scenario in scenarios)
        {
            var last = scenario.Statements[^1];
            var answered = scenario.Server[^1].Answered;
            notes.Add($"appends, {scenario.Name}, last round: {scenario.Cpu[^1]}; PostgreSQL executed "
                + $"{(double)last.Calls / answered:N2} statements and {last.Seconds * 1000 / answered:N3} ms an append, most of it in:");
            notes.AddRange(last.Top.Select(statement => "  " + statement));
        }

        return [.. scenarios.SelectMany((scenario, i) => Rows(scenario, i == 0))];
    }

    private Task<LoadResult> MeasureAsync(Func<int, long, Task<bool>> append) =>
        ClosedLoop.RunAsync(sizes.Connections, append, TimeSpan.FromSeconds(sizes.WarmUpSeconds), TimeSpan.FromSeconds(sizes.WindowSeconds));

    private static IEnumerable<Row> Rows(Scenario scenario, bool withGoals)
    {
        double Median(List<LoadResult> runs, Func<LoadResult, double> figure) => Measure.Median(runs.Select(figure));
        var (rate, p50, p99) = (Median(scenario.Server, r => r.PerSecond), Median(scenario.Server, r => r.P50Ms), Median(scenario.Server, r => r.P99Ms));
        var bare = $"bare Marten, {scenario.BareName}";
        yield return new Row($"signed single appends, {scenario.Name}", rate, "entries/s", Median(scenario.Baseline, r => r.PerSecond), $"entries/s {bare}",
            withGoals ? ">= 3,000/s" : "", withGoals ? rate >= 3_000 : null);
        yield return new Row($"signed single appends, {scenario.Name}, p50", p50, "ms", Median(scenario.Baseline, r => r.P50Ms), $"ms {bare}", "", null);
        yield return new Row($"signed single appends, {scenario.Name}, p99", p99, "ms", Median(scenario.Baseline, r => r.P99Ms), $"ms {bare}",
            withGoals ? "<= 50 ms" : "", withGoals ? p99 <= 50 : null);
    }

    /// <summary>A register per caller, <c>append-1</c> to <c>append-n</c>, each keyed by a field named like it.</summary>
    private static async Task<IReadOnlyList<(string Register, string KeyField)>> CreateRegistersAsync(RegistersClient client, int count)
    {
        var registers = Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"append-{i}")).ToList();
        foreach (var name in registers)
        {
            var definition = $$"""
                {"name":"{{name}}","fields":[
                  {"field":"{{name}}","datatype":"string","cardinality":"1","text":"The key."},
                  {"field":"name","datatype":"string","cardinality":"1","text":"A name."}]}
                """;
            await client.CreateRegisterAsync(Encoding.UTF8.GetBytes(definition));
        }

        return [.. registers.Select(name => (name, name))];
    }
}
