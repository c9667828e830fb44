using System.Diagnostics;
using Npgsql;

namespace Registers.Server.Storage;

/// <summary>
/// Empties the server's pools of the connections a restarted database dropped, once for all the reads that met one, and
/// makes each such read wait until it is done. Npgsql's Clear closes the idle connections one at a time, and a Clear asked
/// for while another is under way returns at once: reads that met dropped connections side by side went on to rent
/// others the first Clear had not reached yet, and after a few such runs were told 503 by a database that was back.
/// Even a whole Clear was seen to leave some dropped connections idle (a read after it met a broken pipe), so
/// <see cref="MostDropped"/> bounds how often a read may meet one instead.
/// </summary>
internal sealed class DroppedConnectionPurge(NpgsqlDataSource writes, ReadDatabase reads) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private long _lastBegun;

    /// <summary>
    /// The most dropped connections there can be: as many as the two pools hold, and the record lookups' own. A statement
    /// that meets one breaks it, and the pool then discards it, so a read that met this many has met them all.
    /// </summary>
    public int MostDropped { get; } = MaxPoolSize(writes) + MaxPoolSize(reads.Source) + Environment.ProcessorCount;

    /// <summary>
    /// Returns once a purge begun after <paramref name="failedAt"/> (a <see cref="Stopwatch"/> timestamp taken when a
    /// connection was found dropped) has closed every idle connection: a later rent gets a connection opened since, or one
    /// that was in use and so has been checked by its use. Connections in use during the purge are closed as they return.
    /// </summary>
    public async Task AfterAsync(long failedAt, CancellationToken cancellation)
    {
        await _one.WaitAsync(cancellation);
        try
        {
            if (_lastBegun > failedAt)
            {
                return; // begun since this failure, and now done
            }

            _lastBegun = Stopwatch.GetTimestamp();
            writes.Clear();
            reads.Source.Clear();
        }
        finally
        {
            _one.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _one.Dispose();

    private static int MaxPoolSize(NpgsqlDataSource pool) => new NpgsqlConnectionStringBuilder(pool.ConnectionString).MaxPoolSize;
}
