using Npgsql;
using Registers.Server.Storage;

namespace Registers.Server.Signatures;

/// <summary>
/// The latest <c>created</c> of a signature accepted in the second it was made or before it (ahead of the server's clock),
/// kept in the database before its write goes on. The next process does not refuse such a signature as made before it
/// started (<see cref="ServerStart"/>), and the replay guard that saw it is gone: so that process takes only signatures
/// created after the latest this one recorded.
/// </summary>
/// <remarks>
/// A signature accepted in a later second than it was made has a <c>created</c> before any later process's start second,
/// which refuses it; only the others need remembering. The row is raised only when a signature goes past what this process
/// stored, so at most about once a second, a round trip for the write that raises it; a signature is marked before its
/// write is done, so one whose write failed or was refused is not taken again either. Whatever its write then does, a
/// signature this process accepted is refused by every process started after this one stopped. Processes running at once
/// on one database do not see each other's.
/// </remarks>
internal sealed class LatestAcceptedCreated(NpgsqlDataSource pool, TimeProvider time) : IHostedService
{
    private static readonly string Table = $"{StorageSchema.Name}.latest_accepted_created";
    private static readonly string ReadSql = $"SELECT max(created) FROM {Table}";
    private static readonly string RaiseSql =
        $"INSERT INTO {Table} AS t (one, created) VALUES (true, $1) ON CONFLICT (one) DO UPDATE SET created = GREATEST(t.created, excluded.created) RETURNING t.created";

    // Until the host starts this, every signature may have been accepted before: fail closed.
    private long _beforeStart = long.MaxValue;
    private long _stored = long.MaxValue;

    /// <summary>The latest <c>created</c> (Unix seconds) an earlier process recorded; <see cref="long.MinValue"/> when none did.</summary>
    public long BeforeStart => Interlocked.Read(ref _beforeStart);

    /// <summary>Whether a signature created at <paramref name="created"/> (Unix seconds) may be one an earlier process accepted.</summary>
    public bool MayHaveBeenAcceptedBefore(long created) => created <= BeforeStart;

    /// <summary>
    /// Records, before the write goes on, a signature accepted at <paramref name="now"/> that was made at
    /// <paramref name="created"/> (Unix seconds), when a later process would not refuse it otherwise.
    /// </summary>
    public async Task RecordAsync(long created, DateTimeOffset now, CancellationToken cancellation)
    {
        if (created < now.ToUnixTimeSeconds() || created <= Interlocked.Read(ref _stored))
        {
            return; // made in an earlier second, which a later start refuses; or no later than what is stored already
        }

        await using var command = pool.CreateCommand(RaiseSql);
        command.Parameters.Add(new NpgsqlParameter { Value = created });
        var stored = (long)(await command.ExecuteScalarAsync(cancellation))!;
        for (var known = Interlocked.Read(ref _stored); stored > known; known = Interlocked.Read(ref _stored))
        {
            if (Interlocked.CompareExchange(ref _stored, stored, known) == known)
            {
                break;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Hosted services start before the web server listens, after the schema is set up. A process stopped within the second
    /// of a signature it accepted leaves that second stored: a start in the same second waits for the next, lest it refuse
    /// every signature made while it listens in that second. A time stored further ahead (a signature set ahead of the
    /// clock) is not waited for: signatures created up to it are refused, saying so.
    /// </remarks>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = pool.CreateCommand(ReadSql);
        var stored = await command.ExecuteScalarAsync(cancellationToken) is long created ? created : long.MinValue;
        Interlocked.Exchange(ref _stored, stored);
        Interlocked.Exchange(ref _beforeStart, stored);
        if (stored != long.MinValue && DateTimeOffset.FromUnixTimeSeconds(stored + 1) - time.GetUtcNow() is { } wait
            && wait > TimeSpan.Zero && wait <= TimeSpan.FromSeconds(1))
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
