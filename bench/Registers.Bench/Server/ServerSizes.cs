namespace Registers.Bench.Server;

/// <summary>The sizes of the server part: full, or tiny for the smoke test.</summary>
/// <param name="LoadEntries">User entries in the generated RSF file that is loaded: the register's size for every later phase.</param>
/// <param name="LoadRuns">Loads of that file (each into fresh databases); the median is reported.</param>
/// <param name="Connections">Concurrent connections of the read load generator, and concurrent callers appending.</param>
/// <param name="WarmUpSeconds">Load before each measured window, not measured.</param>
/// <param name="WindowSeconds">Length of one measured window.</param>
/// <param name="Windows">Rounds of measured windows, each measuring every target once in turn; medians are reported.</param>
/// <param name="StatementSamples">Requests sent one at a time while PostgreSQL counts the statements they cause.</param>
/// <param name="Starts">Timed starts of the server on an initialised data folder, per way of starting.</param>
/// <param name="RecordsWithProof">Distinct records whose entry's inclusion proof is read with them.</param>
internal sealed record ServerSizes(
    int LoadEntries, int LoadRuns, int Connections, double WarmUpSeconds, double WindowSeconds, int Windows, int StatementSamples, int Starts, int RecordsWithProof)
{
    public static readonly ServerSizes Full = new(1_000_000, 1, 32, 2, 5, 3, 200, 5, 1024);
    // Windows long enough that each answers some requests on a 2-core machine busy with the other test projects.
    public static readonly ServerSizes Smoke = new(2_000, 1, 32, 0.5, 1.5, 1, 20, 1, 32);
}
