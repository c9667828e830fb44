using System.Globalization;
using Npgsql;

namespace Registers.Bench.Server;

/// <summary>What pg_stat_statements recorded for one database since the last reset.</summary>
/// <param name="Calls">Statements executed.</param>
/// <param name="Seconds">Time spent executing them, summed.</param>
/// <param name="Top">The statements that took the most time: calls, total and mean time, text.</param>
internal sealed record StatementStats(long Calls, double Seconds, IReadOnlyList<string> Top);

/// <summary>
/// Counts the statements PostgreSQL executes for one database, and the time they take, with pg_stat_statements.
/// Every statement a client sends is at least one round trip, so statements per request bound the round trips
/// from above (a batch of several statements in one round trip counts as several). Counts are read from another
/// database, so these queries are not counted.
/// </summary>
internal sealed class StatementCounter(string adminConnectionString, string database)
{
    /// <summary>Forgets everything counted so far (in every database of the cluster).</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection);
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>What was executed in the database since the last reset.</summary>
    public async Task<StatementStats> ReadAsync(int top = 3)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            "SELECT s.calls, s.total_exec_time, regexp_replace(s.query, '\\s+', ' ', 'g') FROM pg_stat_statements s " +
            "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 ORDER BY s.total_exec_time DESC", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = database });
        var (calls, milliseconds, lines) = (0L, 0.0, new List<string>());
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (count, time, query) = (reader.GetInt64(0), reader.GetDouble(1), reader.GetString(2));
            calls += count;
            milliseconds += time;
            if (lines.Count < top)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{count:N0} x {time / count:N2} ms = {time / 1000:N1} s: {(query.Length > 90 ? query[..90] + "..." : query)}"));
            }
        }

        return new StatementStats(calls, milliseconds / 1000, lines);
    }

    /// <summary>What <paramref name="calls"/> calls of <paramref name="call"/>, made one at a time, executed.</summary>
    public async Task<StatementStats> DuringAsync(int calls, Func<int, Task> call)
    {
        await ResetAsync();
        for (var i = 0; i < calls; i++)
        {
            await call(i);
        }

        return await ReadAsync();
    }
}
