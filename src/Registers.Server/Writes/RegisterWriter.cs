using System.IO.Pipelines;
using Marten;
using Marten.Exceptions;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Server.Checkpoints;
using Registers.Server.Hosting;
using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>Creates registers and appends batches to them, each as one transaction under the register's lock.</summary>
public sealed class RegisterWriter(IDocumentStore store, NpgsqlDataSource database, LogSigner signer, TimeProvider time, ServerOptions options, Signatures.AdminKey admin, AppendQueue queue,
    UploadFolder uploads)
{
    /// <summary>Creates a register from its definition; <see cref="WriteOutcome.AlreadyExists"/> if the name is taken (by other than this write's first try).</summary>
    public async Task<WriteOutcome> CreateAsync(RegisterDefinition definition, WriteRequest write, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var clock = WriteClock.Read(time, options);
        var (entries, items, problems) = definition.ToSystemEntries(clock.Now);
        if (problems.Count > 0)
        {
            return new WriteOutcome.Invalid(problems);
        }

        try
        {
            await using var transaction = await LogTransaction.CreateAsync(store, database, definition.Name, admin.Key, cancellation);
            if (transaction is null)
            {
                return await ExistingAsync(definition.Name, write, cancellation);
            }

            var decision = (await transaction.AppendAsync([write with { Entries = entries, Items = items }], clock, cancellation))[0];
            if (decision is not WriteDecision.Accepted accepted)
            {
                // A new register has no earlier writes, so a decision not to write is a refusal or a stated size other than 0.
                return decision switch
                {
                    WriteDecision.Refused refused => new WriteOutcome.Refused(refused.Batch.Problems, refused.Batch.Problems.Count),
                    WriteDecision.Stale stale => new WriteOutcome.Stale(stale.Expected, stale.Actual),
                    _ => throw new InvalidOperationException($"A new register cannot have {decision}."),
                };
            }

            var checkpoints = await transaction.CommitAsync(signer, cancellation);
            return new WriteOutcome.Committed(transaction.Head, EntryRange.Of(accepted.Batch), checkpoints, []);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return await ExistingAsync(definition.Name, write, cancellation);
        }
    }

    /// <summary>
    /// A create of a register that exists: the retry of a create its signer committed under the same idempotency key gets
    /// that receipt again, as a retried append does; any other finds the name taken.
    /// </summary>
    private async Task<WriteOutcome> ExistingAsync(string register, WriteRequest write, CancellationToken cancellation)
    {
        if (write.ScopedKey is { } key)
        {
            await using var connection = await database.OpenConnectionAsync(cancellation);
            if (await StoredWrite.FindAsync(connection, register, key, cancellation) is { } earlier)
            {
                return Retried(register, write, earlier);
            }
        }

        return new WriteOutcome.AlreadyExists(register);
    }

    /// <summary>A write its signer committed before under its key: the first receipt again for the same body, else the key reused.</summary>
    private static WriteOutcome Retried(string register, WriteRequest write, StoredWrite earlier) =>
        write.HasSameBodyAs(earlier.ContentDigest) ? new WriteOutcome.Repeated(register, earlier) : new WriteOutcome.KeyReused(earlier.IdempotencyKey);

    /// <summary>
    /// Appends one write to an existing register, committed together with whatever else is waiting for it; dropped unwritten
    /// if <paramref name="abandoned"/> is cancelled before its turn to be written comes.
    /// </summary>
    public Task<WriteOutcome> AppendAsync(string register, WriteRequest write, CancellationToken abandoned = default) => queue.AppendAsync(register, write, abandoned);

    /// <summary>
    /// Loads RSF a client is sending (see <see cref="LoadRsfAsync"/>). The body is received whole into
    /// <see cref="UploadFolder"/> before the register is locked: the lock is held for as long as the load
    /// reads its body, and a client may send slowly, which must not hold up every other write to the register.
    /// </summary>
    public async Task<WriteOutcome> LoadUploadedRsfAsync(string register, Stream upload, WriteRequest write, CancellationToken cancellation)
    {
        if (InvalidName(register) is { } invalid)
        {
            return invalid;
        }

        await using var received = await uploads.ReceiveAsync(upload, cancellation);
        return await LoadRsfAsync(register, received.Read(), write, cancellation);
    }

    /// <summary>
    /// Loads RSF into <paramref name="register"/>, creating it if it does not exist, all or nothing:
    /// problems with any line roll the whole load back. <paramref name="write"/> says who signed the
    /// load, how strictly register rules apply, and its idempotency key and expected size, if any.
    /// <paramref name="body"/> is read under the register's lock, so it must be at hand (a file), not a client's stream.
    /// </summary>
    public async Task<WriteOutcome> LoadRsfAsync(string register, PipeReader body, WriteRequest write, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (InvalidName(register) is { } invalid)
        {
            return invalid;
        }

        try
        {
            var created = await LogTransaction.CreateAsync(store, database, register, admin.Key, cancellation);
            await using var transaction = created
                ?? await LogTransaction.OpenAsync(store, database, register, admin.Key, cancellation)
                ?? throw new InvalidOperationException($"Register {register} neither exists nor can be created.");
            // Judged once the load is known to create the register: one made with a longer name before the limit still takes loads.
            if (created is not null && RegisterName.Refusal(register) is { } refusal)
            {
                return new WriteOutcome.Invalid([refusal]);
            }

            var before = transaction.Head;
            if (!await transaction.StillAllowsAsync(write, cancellation))
            {
                return new WriteOutcome.RevokedMeanwhile(register, write.Signature!.KeyId); // a load is received whole first, which may take long
            }

            if (write.ScopedKey is { } key && await transaction.FindWriteAsync(key, cancellation) is { } earlier)
            {
                return Retried(register, write, earlier);
            }

            if (write.ExpectedSize is { } expected && expected != before.User.Size)
            {
                return new WriteOutcome.Stale(expected, before.User.Size);
            }

            // What the metadata lacked already (a register made before the check, or by JSON writes) is not this load's doing.
            var lackedBefore = created is null ? await transaction.CheckMetadataAsync(cancellation) : [];
            var loader = new RsfLoader(transaction, WriteClock.Read(time, options), write.Policy, write.ByAdmin);
            if (!await loader.LoadAsync(body, cancellation))
            {
                return new WriteOutcome.Refused(loader.Problems, loader.ProblemCount);
            }

            // Most likely the wrong file or none (curl -d @ a missing path); a file of assertions alone checks the register's root.
            if (loader.WasEmpty)
            {
                return new WriteOutcome.Invalid(["the file is empty: no entries, so nothing was written"]);
            }

            // An empty upload would otherwise leave a register with no name and no fields, whose name POST /registers then refuses as taken.
            if (created is not null && transaction.Head.User.Size == 0 && transaction.Head.System.Size == 0)
            {
                return new WriteOutcome.Invalid([$"the file has no entries, so there is nothing to create register '{register}' from"]);
            }

            // Checked once the whole file is in: a file may list a register's fields before it defines them. History loaded
            // leniently may hold what GOV.UK's did, a definition under another field's key for a while: a warning then.
            IReadOnlyList<EntryProblem> incoherent = transaction.Head.System.Size > before.System.Size
                ? [.. (await transaction.CheckMetadataAsync(cancellation)).Except(lackedBefore)]
                : [];
            // A register made without its key field could hold no entry, and its name would be taken: never made, even from history.
            if (incoherent.Count > 0 && (write.Policy == RulePolicy.Refuse || created is not null && incoherent.Any(problem => problem.Rule == MetadataCoherence.NoKeyField)))
            {
                return new WriteOutcome.Refused(incoherent, incoherent.Count);
            }

            var appended = EntryRange.Between(before, transaction.Head);
            transaction.RecordWrite(write, appended);
            var checkpoints = await transaction.CommitAsync(signer, cancellation);
            return new WriteOutcome.Committed(transaction.Head, appended, checkpoints, [.. loader.Warnings, .. incoherent]);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return new WriteOutcome.AlreadyExists(register);
        }
    }

    private static WriteOutcome.Invalid? InvalidName(string register) =>
        RegisterName.Malformed(register) is { } malformed ? new WriteOutcome.Invalid([malformed]) : null;
}
