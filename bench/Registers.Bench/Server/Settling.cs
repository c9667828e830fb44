using System.Diagnostics;
using Npgsql;

namespace Registers.Bench.Server;

/// <summary>
/// Does the upkeep PostgreSQL's documentation asks for after a bulk load ("Populating a Database": run ANALYZE
/// afterwards) before the reads are measured: <c>VACUUM (ANALYZE)</c> of the loaded database. Left to autovacuum, the
/// same work starts up to a minute after the load and runs for a minute or more on this machine's two cores, in the
/// middle of whichever read it meets; a register is read for years after it is loaded, so reads are measured after it.
/// </summary>
internal static class Settling
{
    /// <summary>Vacuums and analyses <paramref name="database"/>; the seconds it took.</summary>
    public static async Task<double> VacuumAsync(string adminConnectionString, string database)
    {
        var timer = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection);
        await vacuum.ExecuteNonQueryAsync();
        return timer.Elapsed.TotalSeconds;
    }
}
