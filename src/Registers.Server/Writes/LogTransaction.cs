using Marten;
using SessionOptions = Marten.Services.SessionOptions;
using Npgsql;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Hashing;
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
    private readonly VerifierKey _adminKey;
    private readonly List<(WriteRequest Write, IReadOnlyDictionary<EntryLog, EntryRange> Appended)> _recorded = [];

    private LogTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session, RegisterHead head, bool creates, VerifierKey adminKey)
    {
        _creates = creates;
        _adminKey = adminKey;
        _connection = connection;
        _transaction = transaction;
        _session = session;
        _start = head;
        Head = head;
    }

    /// <summary>The register's head after every batch appended so far.</summary>
    public RegisterHead Head { get; private set; }

    /// <summary>
    /// Opens a transaction on an existing register, waiting for its lock; null when it does not exist. Its writes are
    /// decided knowing <paramref name="adminKey"/>, whose key id no custodian key may take.
    /// </summary>
    public static Task<LogTransaction?> OpenAsync(IDocumentStore store, NpgsqlDataSource database, string register, VerifierKey adminKey, CancellationToken cancellation) =>
        BeginAsync(store, database, register, adminKey, create: false, cancellation);

    /// <summary>
    /// Opens a transaction that creates <paramref name="register"/>; null when it exists. The stream
    /// is inserted at once, so a concurrent creator waits on it and then fails with
    /// <see cref="Marten.Exceptions.ExistingStreamIdCollisionException"/>.
    /// </summary>
    public static Task<LogTransaction?> CreateAsync(IDocumentStore store, NpgsqlDataSource database, string register, VerifierKey adminKey, CancellationToken cancellation) =>
        BeginAsync(store, database, register, adminKey, create: true, cancellation);

    /// <summary>
    /// Decides each write in turn against the head the ones before it left, and appends and flushes
    /// the accepted ones (uncommitted) as one set of events. A write its signer already committed under
    /// its idempotency key is not applied again, nor is one whose stated size the log no longer has; a
    /// refused write changes nothing and does not stop the others.
    /// </summary>
    /// <returns>The decision for each write, in order.</returns>
    public async Task<IReadOnlyList<WriteDecision>> AppendAsync(IReadOnlyList<WriteRequest> writes, WriteClock clock, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var keys = writes.Select(write => write.IdempotencyKey).OfType<string>().Distinct().ToArray();
        var stored = (await StoredWrite.FindAsync(_connection, Head.Id, keys, cancellation)).ToDictionary(write => write.ScopedKey);
        // A write's items come with it, in no order of lines: none is cited before it is added.
        var context = await WriteContextReader.ReadAsync(
            _connection, Head.Id, [.. writes.SelectMany(write => write.Entries)], [.. writes.SelectMany(write => write.Items)], _adminKey,
            loadChunk: false, citedBeforeAdded: new Dictionary<Digest, long>(), cancellation);
        var decisions = new List<WriteDecision>(writes.Count);
        var keyed = new Dictionary<ScopedIdempotencyKey, (int Index, WriteRequest Write)>();
        var head = Head;
        foreach (var write in writes)
        {
            var decision = Decide(write, head, context, clock, stored, keyed, decisions.Count);
            decisions.Add(decision);
            if (decision is WriteDecision.Accepted accepted)
            {
                head = accepted.Batch.Head;
                context = context.After(write.Entries);
                if (write.Signature is not null || write.IdempotencyKey is not null)
                {
                    _recorded.Add((write, EntryRange.Of(accepted.Batch)));
                }
            }
        }

        var events = EventMerger.Merge([.. decisions.OfType<WriteDecision.Accepted>().Select(accepted => accepted.Batch)]);
        if (events.Count > 0)
        {
            _session.Events.Append(Head.Id, events);
            await _session.SaveChangesAsync(cancellation);
            Head = head;
        }

        return decisions;
    }

    /// <summary>
    /// Reads what a chunk of a load is decided against while the chunk before it (<paramref name="unflushed"/>: decided,
    /// not yet flushed) still waits: storage as the flushed chunks left it, with that chunk's records and items on top.
    /// Its fields are not: a chunk that changes them must be flushed first. Of the items the chunk adds after citing them
    /// (<paramref name="citedBeforeAdded"/>), those neither stored nor in that chunk are in its context's <see cref="WriteContext.AddedAfterCited"/>.
    /// </summary>
    public async Task<WriteContext> ReadChunkContextAsync(
        WriteRequest chunk, WriteRequest? unflushed, IReadOnlyDictionary<Digest, long> citedBeforeAdded, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(citedBeforeAdded);
        var known = unflushed is null ? chunk.Items : [.. chunk.Items, .. unflushed.Items];
        if (unflushed is not null && citedBeforeAdded.Count > 0)
        {
            var inFlight = unflushed.Items.Select(item => item.Hash).ToHashSet();
            citedBeforeAdded = citedBeforeAdded.Where(pair => !inFlight.Contains(pair.Key)).ToDictionary();
        }

        var context = await WriteContextReader.ReadAsync(_connection, Head.Id, chunk.Entries, known, _adminKey, loadChunk: true, citedBeforeAdded, cancellation);
        return unflushed is null ? context : context.After(unflushed.Entries);
    }

    /// <summary>The rules the register's metadata breaks as this transaction has left it (<see cref="MetadataCoherence"/>).</summary>
    public Task<IReadOnlyList<EntryProblem>> CheckMetadataAsync(CancellationToken cancellation) =>
        MetadataCheck.ProblemsAsync(_connection, Head.Id, cancellation);

    /// <summary>Appends the events of an accepted chunk and flushes them (uncommitted); the head moves to the chunk's.</summary>
    public async Task FlushAsync(BatchDecision accepted, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        _session.Events.Append(Head.Id, EventMerger.Merge([accepted]));
        await _session.SaveChangesAsync(cancellation);
        Head = accepted.Head;
    }

    /// <summary>
    /// Undoes everything appended so far and lets go of the register's lock at once, for a write already bound to be
    /// refused that has more to read before it can say why; nothing may be appended after this.
    /// </summary>
    public Task RollBackAsync(CancellationToken cancellation) => _transaction.RollbackAsync(cancellation);

    /// <summary>Reads the write its signer committed before under <paramref name="key"/>, if any (under the lock, so a concurrent twin has finished).</summary>
    public async Task<StoredWrite?> FindWriteAsync(ScopedIdempotencyKey key, CancellationToken cancellation) =>
        await StoredWrite.FindAsync(_connection, Head.Id, key, cancellation);

    /// <summary>
    /// Whether <paramref name="write"/>'s signer may still write this register: the admin (or the server) always; a
    /// custodian while the register lists its key, read under the lock a revocation also takes.
    /// </summary>
    public async Task<bool> StillAllowsAsync(WriteRequest write, CancellationToken cancellation) =>
        write.ByAdmin || write.Signature is not { } signature
        || await Signatures.CustodianKeyStore.ListsAsync(_connection, Head.Id, signature.KeyId, cancellation);

    /// <summary>Records who signed a write that spans everything this transaction appended (a load, a creation).</summary>
    public void RecordWrite(WriteRequest write, IReadOnlyDictionary<EntryLog, EntryRange> appended) => _recorded.Add((write, appended));

    /// <summary>Signs a checkpoint for each log that grew (for both logs of a new register, even empty), and commits.</summary>
    /// <returns>The signed checkpoints, by log.</returns>
    public async Task<IReadOnlyDictionary<EntryLog, string>> CommitAsync(LogSigner signer, CancellationToken cancellation)
    {
        // Who wrote what, with the sizes this commit brings the logs to: the sizes of the checkpoints signed below.
        _session.Events.Append(Head.Id, [.. _recorded.Select(recorded => new WriteRecorded(
            recorded.Write.Signature,
            recorded.Write.IdempotencyKey,
            recorded.Appended.TryGetValue(EntryLog.User, out var user) ? user : null,
            recorded.Appended.TryGetValue(EntryLog.System, out var system) ? system : null,
            Head.User.Size,
            Head.System.Size))]);
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

    private static WriteDecision Decide(
        WriteRequest write, RegisterHead head, WriteContext context, WriteClock clock,
        IReadOnlyDictionary<ScopedIdempotencyKey, StoredWrite> stored, Dictionary<ScopedIdempotencyKey, (int Index, WriteRequest Write)> keyed, int index)
    {
        // Only the signer's own writes under the key count: another signer's, even of the same body, is another write.
        if (write.ScopedKey is { } key)
        {
            if (stored.TryGetValue(key, out var earlier))
            {
                return write.HasSameBodyAs(earlier.ContentDigest) ? new WriteDecision.Repeated(earlier) : new WriteDecision.KeyReused(key.Key);
            }

            if (keyed.TryGetValue(key, out var twin))
            {
                return write.HasSameBodyAs(twin.Write.ContentDigest) ? new WriteDecision.SameAsEarlier(twin.Index) : new WriteDecision.KeyReused(key.Key);
            }
        }

        if (write.ExpectedSize is { } expected && expected != head.User.Size)
        {
            return new WriteDecision.Stale(expected, head.User.Size);
        }

        var batch = BatchDecider.Decide(head, context, write.Entries, write.Items, clock, write.Policy);
        if (!batch.Accepted)
        {
            return new WriteDecision.Refused(batch);
        }

        if (DefinitionCheck.UndefinedListedFields(context, write.Entries) is { Count: > 0 } undefined)
        {
            return new WriteDecision.Refused(new BatchDecision(undefined, batch.Warnings, [], head));
        }

        if (write.ScopedKey is { } accepted)
        {
            keyed[accepted] = (index, write);
        }

        return new WriteDecision.Accepted(batch);
    }

    private static async Task<LogTransaction?> BeginAsync(
        IDocumentStore store, NpgsqlDataSource database, string register, VerifierKey adminKey, bool create, CancellationToken cancellation)
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

            return new LogTransaction(connection, transaction, session, head, create, adminKey);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
