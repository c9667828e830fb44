using Marten;
using SessionOptions = Marten.Services.SessionOptions;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Server.Checkpoints;
using Registers.Server.Registers;
using Registers.Server.Storage;

namespace Registers.Server.Writes;

/// <summary>
/// One write to one register, all or nothing: it holds the register's lock from the first read to the
/// commit, appends any number of batches (each flushed as it goes, so a large load never sits in
/// memory), and on commit signs a checkpoint for every log whose size moved.
/// </summary>
internal sealed class LogTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly IDocumentSession _session;
    private readonly RegisterHead _start;
    private readonly bool _creates;

    private LogTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session, RegisterHead head, bool creates)
    {
        _creates = creates;
        _connection = connection;
        _transaction = transaction;
        _session = session;
        _start = head;
        Head = head;
    }

    /// <summary>The register's head after every batch appended so far.</summary>
    public RegisterHead Head { get; private set; }

    /// <summary>Opens a transaction on an existing register, waiting for its lock; null when it does not exist.</summary>
    public static Task<LogTransaction?> OpenAsync(IDocumentStore store, NpgsqlDataSource database, string register, CancellationToken cancellation) =>
        BeginAsync(store, database, register, create: false, cancellation);

    /// <summary>
    /// Opens a transaction that creates <paramref name="register"/>; null when it exists. The stream
    /// is inserted at once, so a concurrent creator waits on it and then fails with
    /// <see cref="Marten.Exceptions.ExistingStreamIdCollisionException"/>.
    /// </summary>
    public static Task<LogTransaction?> CreateAsync(IDocumentStore store, NpgsqlDataSource database, string register, CancellationToken cancellation) =>
        BeginAsync(store, database, register, create: true, cancellation);

    /// <summary>
    /// Decides each write in turn against the head the ones before it left, and appends and flushes
    /// the accepted ones (uncommitted) as one set of events. A refused write changes nothing and does
    /// not stop the others.
    /// </summary>
    /// <returns>The decision for each write, in order.</returns>
    public async Task<IReadOnlyList<BatchDecision>> AppendAsync(IReadOnlyList<WriteRequest> writes, EntryTimestamp now, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var context = await WriteContextReader.ReadAsync(
            _connection, Head.Id, [.. writes.SelectMany(write => write.Entries)], [.. writes.SelectMany(write => write.Items)], cancellation);
        var decisions = new List<BatchDecision>(writes.Count);
        var head = Head;
        foreach (var write in writes)
        {
            var decision = BatchDecider.Decide(head, context, write.Entries, write.Items, now, write.Policy);
            decisions.Add(decision);
            if (decision.Accepted)
            {
                head = decision.Head;
                context = context.After(write.Entries);
            }
        }

        var events = EventMerger.Merge(decisions.Where(decision => decision.Accepted));
        if (events.Count > 0)
        {
            _session.Events.Append(Head.Id, events);
            await _session.SaveChangesAsync(cancellation);
            Head = head;
        }

        return decisions;
    }

    /// <summary>Signs a checkpoint for each log that grew (for both logs of a new register, even empty), and commits.</summary>
    /// <returns>The signed checkpoints, by log.</returns>
    public async Task<IReadOnlyDictionary<EntryLog, string>> CommitAsync(LogSigner signer, CancellationToken cancellation)
    {
        var signed = new Dictionary<EntryLog, string>();
        foreach (var log in new[] { EntryLog.User, EntryLog.System })
        {
            var head = Head.Log(log);
            if (head.Size == _start.Log(log).Size && !_creates)
            {
                continue;
            }

            // Signed inside the lock and stored by size: two roots for one size can never both be signed and kept.
            var note = signer.Sign(Head.Id, log, head.Size, head.Root);
            _session.QueueSqlCommand(
                $"INSERT INTO {StorageSchema.Name}.checkpoints (register, log, size, root, note) VALUES (?, ?, ?, ?, ?)",
                Head.Id, (short)log, head.Size, head.Root.ToArray(), note);
            signed[log] = note;
        }

        await _session.SaveChangesAsync(cancellation);
        await _transaction.CommitAsync(cancellation);
        return signed;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static async Task<LogTransaction?> BeginAsync(IDocumentStore store, NpgsqlDataSource database, string register, bool create, CancellationToken cancellation)
    {
        var connection = await database.OpenConnectionAsync(cancellation);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellation);
            var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
            RegisterHead? head;
            if (create)
            {
                var created = new RegisterCreated(register);
                head = await session.Events.FetchStreamStateAsync(register, cancellation) is null ? RegisterHead.Create(created) : null;
                if (head is not null)
                {
                    session.Events.StartStream<RegisterHead>(register, created);
                    await session.SaveChangesAsync(cancellation);
                }
            }
            else
            {
                head = (await session.Events.FetchForExclusiveWriting<RegisterHead>(register, cancellation)).Aggregate;
            }

            if (head is null)
            {
                await session.DisposeAsync();
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
                return null;
            }

            return new LogTransaction(connection, transaction, session, head, create);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
