using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registers.Bench.Server;

/// <summary>One kind of read under load: its name, the operations drawn from (each one GET or several in sequence), and its goal.</summary>
internal sealed record ReadTarget(string Name, string Unit, IReadOnlyList<Uri[]> Operations, double? RateGoal = null, double? P99GoalMs = null);

/// <summary>
/// The reads measured against the loaded school register, built before the clock starts: record lookups of random
/// keys, a record followed by the inclusion proof of its entry (what a verifying client fetches), pages of entries
/// at random starts, inclusion proofs of random entries at the loaded size; and the bare endpoint.
/// </summary>
internal static class ReadTargets
{
    private const int Distinct = 4096;
    private const int PageSize = 100;

    public static async Task<(ReadTarget Bare, IReadOnlyList<ReadTarget> Reads)> BuildAsync(BenchServer server, long size, int recordsWithProof)
    {
        const string register = ServerBenchmarks.Register;
        var random = new Random(6962);
        Uri At(string path) => new(server.Address, path);
        Uri[][] Many(Func<Uri[]> one) => [.. Enumerable.Range(0, Distinct).Select(_ => one())];

        // The generator gives keys 100001 upwards to about nine in ten entries: the first eight in ten surely exist.
        var keys = Math.Max(1, (int)(size * 8 / 10));
        string RandomKey() => (100_001 + random.Next(keys)).ToString(CultureInfo.InvariantCulture);

        var records = Many(() => [At(Endpoints.Record(register, RandomKey()))]);
        var withProof = await RecordsWithProofAsync(server, size, [.. Enumerable.Range(0, recordsWithProof).Select(_ => RandomKey())]);
        var pages = Many(() => [At(Endpoints.EntriesPage(register, random.NextInt64(1, Math.Max(2, size - PageSize + 2)), PageSize))]);
        var proofs = Many(() => [At(Endpoints.EntryProof(register, random.NextInt64(1, size + 1), size))]);
        return (new ReadTarget("bare endpoint", "req/s", [[At(Endpoints.LogKey)]]),
        [
            new ReadTarget("record lookup", "records/s", records, RateGoal: 10_000, P99GoalMs: 20),
            new ReadTarget("record with its inclusion proof (2 requests)", "records/s", withProof),
            new ReadTarget($"entries page of {PageSize}", "pages/s", pages),
            new ReadTarget($"inclusion proof at size {size:N0}", "proofs/s", proofs, P99GoalMs: 10),
        ]);
    }

    /// <summary>For each key, its record's path and the path of the inclusion proof of the record's entry at <paramref name="size"/>.</summary>
    private static async Task<Uri[][]> RecordsWithProofAsync(BenchServer server, long size, IReadOnlyList<string> keys)
    {
        using var client = new HttpClient { BaseAddress = server.Address };
        var pairs = new List<Uri[]>();
        foreach (var key in keys.Distinct())
        {
            var record = new Uri(server.Address, Endpoints.Record(ServerBenchmarks.Register, key));
            var answer = await client.GetFromJsonAsync<JsonElement>(record);
            var number = long.Parse(answer.GetProperty(key).GetProperty("entry-number").GetString()!, CultureInfo.InvariantCulture);
            pairs.Add([record, new Uri(server.Address, Endpoints.EntryProof(ServerBenchmarks.Register, number, size))]);
        }

        return [.. pairs];
    }
}
