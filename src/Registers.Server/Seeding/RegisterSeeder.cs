using System.Diagnostics;
using System.IO.Pipelines;
using Marten;
using Npgsql;
using Registers.Server.Hosting;
using Registers.Server.Registers;
using Registers.Server.Writes;

namespace Registers.Server.Seeding;

/// <summary>
/// On the first start on a database with no registers, loads every register in the seed directory
/// (<see cref="ServerOptions.SeedDirectory"/>), each as one all-or-nothing RSF load, registers linked to
/// before the registers that link to them. The server makes these writes itself: they carry no signature,
/// and the idempotency key <see cref="WriteKey"/>, so each register's receipt says where it came from.
/// A first start stopped half-way (Ctrl-C) is finished by the next: while every register there is came from the seed,
/// a start loads the seed's registers not there yet. Once any other register exists, starts load nothing.
/// A failure is logged and the server runs on.
/// </summary>
internal sealed partial class RegisterSeeder(ServerOptions options, IDocumentStore store, NpgsqlDataSource database, RegisterWriter writer, ILogger<RegisterSeeder> logger) : IHostedService
{
    /// <summary>The idempotency key of every seed load: <c>GET /registers/{name}/writes/registers-data-seed</c> shows its receipt.</summary>
    public const string WriteKey = "registers-data-seed";

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = options.SeedPath;
        if (!options.SeedOnFirstStart)
        {
            return;
        }

        try
        {
            if (!Directory.Exists(directory))
            {
                LogNoDirectory(directory);
                return;
            }

            var plan = SeedPlan.Read(directory);
            var remaining = await RemainingAsync(plan, cancellationToken);
            if (remaining.Count == 0)
            {
                LogNotFirstStart(directory);
                return;
            }

            if (await SeedAsync(remaining, directory, cancellationToken) || remaining.Count < plan.Count)
            {
                // Seeded, with or without failures: later starts leave the rest to the admin. A start stopped before this line
                // (Ctrl-C while loading) leaves no marker, and the next one finishes the seeding.
                await File.WriteAllTextAsync(FinishedMarker, $"seeding from {directory} finished {DateTimeOffset.UtcNow:O}\n", CancellationToken.None);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFailed(failure, directory);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Written in the data folder when a seeding has run to its end, loaded or not; until then a start seeds what is missing.</summary>
    private string FinishedMarker => Path.Combine(options.DataPath, "seeding-finished");

    /// <summary>
    /// The seeds not loaded yet: all of them on a database with no registers; none once a seeding ran to its end or a
    /// register the seed did not make exists; else those missing.
    /// </summary>
    private async Task<IReadOnlyList<Seed>> RemainingAsync(IReadOnlyList<Seed> plan, CancellationToken cancellation)
    {
        IReadOnlyList<string> existing;
        await using (var session = store.QuerySession())
        {
            existing = await session.Query<RegisterHead>().Select(head => head.Id).ToListAsync(cancellation);
        }

        if (existing.Count == 0)
        {
            return plan;
        }

        if (File.Exists(FinishedMarker))
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellation);
        foreach (var register in existing)
        {
            var writes = await StoredWrite.FindAsync(connection, register, [WriteKey], cancellation);
            if (!writes.Any(write => write.ScopedKey == new ScopedIdempotencyKey(null, WriteKey)))
            {
                return [];
            }
        }

        return [.. plan.Where(seed => !existing.Contains(seed.Name))];
    }

    /// <summary>Loads <paramref name="seeds"/> in order; whether any was loaded.</summary>
    private async Task<bool> SeedAsync(IReadOnlyList<Seed> seeds, string directory, CancellationToken cancellation)
    {
        LogSeeding(seeds.Count, directory, string.Join(", ", seeds.Select(seed => seed.Name)));
        var failed = new List<string>();
        foreach (var seed in seeds)
        {
            if (seed.Links.FirstOrDefault(failed.Contains) is { } missing)
            {
                LogSkipped(seed.Name, missing);
                failed.Add(seed.Name);
                continue;
            }

            var clock = Stopwatch.StartNew();
            await using var file = File.OpenRead(seed.Path);
            var load = new WriteRequest([], [], RulePolicy.Refuse, Signature: null, IdempotencyKey: WriteKey, ExpectedSize: 0, ByAdmin: true);
            var outcome = await writer.LoadRsfAsync(seed.Name, PipeReader.Create(file), load, cancellation);
            if (outcome is WriteOutcome.Committed committed)
            {
                LogLoaded(seed.Name, committed.Head.User.Size, committed.Head.System.Size, committed.Head.User.Root.ToString(), clock.ElapsedMilliseconds);
                continue;
            }

            failed.Add(seed.Name);
            LogRefused(seed.Name, seed.Path, outcome switch
            {
                WriteOutcome.Refused refused => $"{refused.Count} problem(s), first: {string.Join("; ", refused.Problems.Take(3))}",
                WriteOutcome.Invalid invalid => string.Join("; ", invalid.Problems),
                WriteOutcome.Stale stale => $"the register already has {stale.Actual} entries",
                _ => outcome.ToString(),
            });
        }

        if (failed.Count == seeds.Count)
        {
            LogNoneLoaded(seeds.Count);
        }
        else if (failed.Count > 0)
        {
            LogIncomplete(seeds.Count - failed.Count, seeds.Count, string.Join(", ", failed));
        }

        return failed.Count < seeds.Count;
    }

    [LoggerMessage(LogLevel.Information, "No registers to seed: {Directory} does not exist")]
    private partial void LogNoDirectory(string directory);

    [LoggerMessage(LogLevel.Information, "Registers exist already: nothing is loaded from {Directory} (seeding happens on a database with no registers, and finishes on one whose registers all came from the seed)")]
    private partial void LogNotFirstStart(string directory);

    [LoggerMessage(LogLevel.Information, "Seeding {Count} registers from {Directory}, in this order: {Names}. The server loads them itself: the writes are unsigned, with idempotency key " + WriteKey)]
    private partial void LogSeeding(int count, string directory, string names);

    [LoggerMessage(LogLevel.Information, "Seeded {Register}: {UserEntries} user entries, {SystemEntries} system entries, root {Root} ({Milliseconds} ms)")]
    private partial void LogLoaded(string register, long userEntries, long systemEntries, string root, long milliseconds);

    [LoggerMessage(LogLevel.Error, "Seeding {Register} from {Path} failed, nothing of it was written: {Reason}")]
    private partial void LogRefused(string register, string path, string reason);

    [LoggerMessage(LogLevel.Error, "Seeding {Register} skipped: it links to {Missing}, which was not seeded")]
    private partial void LogSkipped(string register, string missing);

    [LoggerMessage(LogLevel.Error, "Seeding loaded {Loaded} of {Count} registers; not loaded: {Failed}. The server runs on; later starts will not try again (load the files with POST /registers/{{name}}/rsf)")]
    private partial void LogIncomplete(int loaded, int count, string failed);

    [LoggerMessage(LogLevel.Error, "Seeding loaded none of {Count} registers. The server runs on; the next start tries again unless registers were seeded before")]
    private partial void LogNoneLoaded(int count);

    [LoggerMessage(LogLevel.Error, "Seeding from {Directory} failed; the server runs on with whatever was loaded before the failure")]
    private partial void LogFailed(Exception failure, string directory);
}
