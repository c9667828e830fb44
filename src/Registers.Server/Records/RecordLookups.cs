using System.Threading.Channels;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Server.Items;
using Registers.Server.Storage;

namespace Registers.Server.Records;

/// <summary>Records read at tree size <see cref="At"/> of a log of <see cref="Size"/> entries (null: unknown register).</summary>
public sealed record RecordSlice(long? Size, long At, IReadOnlyList<StoredRecord> Records);

/// <summary>
/// Answers record lookups, many to a statement when many arrive at once. A lookup goes to the database at once when a
/// reader is free; lookups that arrive while every reader has a statement in flight wait for the next free one and go
/// together, as one statement. Nothing waits on a timer, so a lone lookup costs what it always did, and a busy server
/// pays PostgreSQL's cost of a round trip (measured here at some two thirds of its CPU for a lookup) once for many.
/// </summary>
public sealed class RecordLookups : IAsyncDisposable
{
    /// <summary>The most lookups one statement answers.</summary>
    public const int MaxBatch = 128;

    // One row per lookup, in the order asked. Each lookup reads its register's size and its record in the same
    // snapshot, so a record is never newer than the size it is reported at.
    private static readonly string LookupSql = $"""
        SELECT h.size, r.number, r.timestamp, {ReadSql.ItemsOf("r.item_hashes", "q.register")}
        FROM unnest($1::text[], $2::smallint[], $3::text[], $4::bigint[]) WITH ORDINALITY AS q(register, log, key, as_of, i)
        LEFT JOIN LATERAL ({ReadSql.LogSize("q.register", "q.log")}) h ON true
        LEFT JOIN LATERAL (
            SELECT e.number, e.timestamp, e.item_hashes FROM {StorageSchema.Name}.entries e
            WHERE e.register = q.register AND e.log = q.log AND e.key = q.key AND e.number <= LEAST(q.as_of, h.size)
            ORDER BY e.number DESC LIMIT 1) r ON true
        ORDER BY q.i
        """;

    private readonly ReadDatabase _database;
    private readonly Channel<Lookup> _waiting = Channel.CreateUnbounded<Lookup>();

    // Cancelled as the server is disposed: a statement still waiting (on a lock, say) once the stop has cut its requests
    // off held the disposal, and the process, until it ended. A statement is cancelled too once every lookup it answers
    // has been given up (see BatchCancellation).
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _readers;

    /// <summary>
    /// Starts the readers, one for every two cores (at least one), each with at most one statement in flight. PostgreSQL
    /// and the server share the machine, so a reader a core left a backend waking on every core; fewer readers make
    /// larger batches. On 2 cores, one reader against two, alternating builds on one register of 1,000,000 entries (32
    /// connections, 4,096 keys, five pairs of starts): 10.4-11.0 lookups a statement against 7.9-9.1, PostgreSQL CPU a
    /// lookup 0.024-0.046 ms against 0.030-0.091 ms, p99 3.4-7.6 ms against 6.3-14.0 ms, and the higher rate in four
    /// pairs of five.
    /// </summary>
    public RecordLookups(ReadDatabase database)
    {
        _database = database;
        _readers = [.. Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount / 2)).Select(_ => Task.Run(ReadLoopAsync))];
    }

    /// <summary>
    /// The record of <paramref name="key"/> at tree size <paramref name="asOf"/> (the current size when null). Cancelling
    /// <paramref name="cancellation"/> (the request's abort) gives the lookup up: it is left out of the next statement, or
    /// cancels the statement it is in when every other lookup there has been given up too.
    /// </summary>
    public Task<RecordSlice> LookupAsync(string register, EntryLog log, string key, long? asOf, CancellationToken cancellation)
    {
        var lookup = new Lookup(register, log, key, asOf, cancellation);
        if (!_waiting.Writer.TryWrite(lookup))
        {
            throw new ObjectDisposedException(nameof(RecordLookups));
        }

        return lookup.Answer.Task.WaitAsync(cancellation);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _stopping.CancelAsync();
        await Task.WhenAll(_readers);
        _stopping.Dispose();
    }

    // Each reader keeps its own connection: always the same few PostgreSQL backends, with the statement prepared and
    // their caches warm. Taken from the pool for each batch, lookups after a burst of other reads went round every
    // connection the burst had opened, and PostgreSQL's CPU a lookup rose two and a half times.
    private async Task ReadLoopAsync()
    {
        var batch = new List<Lookup>(MaxBatch);
        NpgsqlConnection? connection = null;
        try
        {
            while (await _waiting.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _waiting.Reader.TryRead(out var lookup))
                {
                    if (!lookup.GivenUp.IsCancellationRequested)
                    {
                        batch.Add(lookup);
                    }
                }

                if (batch.Count == 0)
                {
                    continue; // another reader took them, or they were given up
                }

                try
                {
                    using var cancellation = new BatchCancellation([.. batch.Select(lookup => lookup.GivenUp)], _stopping.Token);
                    connection ??= await _database.Source.OpenConnectionAsync(cancellation.Token);
                    var answers = await ReadAsync(connection, batch, cancellation.Token);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Answer.TrySetResult(answers[i]);
                    }
                }
                catch (Exception failure)
                {
                    foreach (var lookup in batch)
                    {
                        lookup.Answer.TrySetException(failure);
                    }

                    // The connection may be what failed: the next batch opens another.
                    await DisposeAsync(connection);
                    connection = null;
                }
            }
        }
        finally
        {
            await DisposeAsync(connection);
        }
    }

    private static async Task DisposeAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<RecordSlice[]> ReadAsync(NpgsqlConnection connection, List<Lookup> batch, CancellationToken cancellation)
    {
        await using var command = ReadSql.Command(connection, LookupSql,
            batch.Select(lookup => lookup.Register).ToArray(),
            batch.Select(lookup => (short)lookup.Log).ToArray(),
            batch.Select(lookup => lookup.Key).ToArray(),
            batch.Select(lookup => lookup.AsOf ?? long.MaxValue).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var answers = new RecordSlice[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (!await reader.ReadAsync(cancellation))
            {
                throw new InvalidOperationException($"The record lookups statement answered {i} of {batch.Count} lookups.");
            }

            answers[i] = Answer(batch[i], reader);
        }

        return answers;
    }

    private static RecordSlice Answer(Lookup lookup, NpgsqlDataReader reader)
    {
        if (reader.IsDBNull(0))
        {
            return new RecordSlice(null, 0, []);
        }

        var size = reader.GetInt64(0);
        StoredRecord[] found = reader.IsDBNull(1)
            ? []
            : [new StoredRecord(reader.GetInt64(1), lookup.Key, ReadSql.Timestamp(reader, 2), [.. reader.GetFieldValue<string[]>(3).Select(content => new ItemJson(content))])];
        return new RecordSlice(size, Math.Min(lookup.AsOf ?? size, size), found);
    }

    private sealed record Lookup(string Register, EntryLog Log, string Key, long? AsOf, CancellationToken GivenUp)
    {
        public TaskCompletionSource<RecordSlice> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
