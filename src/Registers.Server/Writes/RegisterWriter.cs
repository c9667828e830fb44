using System.IO.Pipelines;
using Marten;
using Marten.Exceptions;
using Npgsql;
using Registers.Protocol.Entries;
using Registers.Protocol.Items;
using Registers.Server.Checkpoints;
using Registers.Server.Registers;

namespace Registers.Server.Writes;

/// <summary>Creates registers and appends batches to them, each as one transaction under the register's lock.</summary>
public sealed class RegisterWriter(IDocumentStore store, NpgsqlDataSource database, LogSigner signer, TimeProvider time, AppendQueue queue)
{
    /// <summary>Creates a register from its definition; <see cref="WriteOutcome.AlreadyExists"/> if the name is taken.</summary>
    public async Task<WriteOutcome> CreateAsync(RegisterDefinition definition, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var (entries, items, problems) = definition.ToSystemEntries(Now());
        if (problems.Count > 0)
        {
            return new WriteOutcome.Invalid(problems);
        }

        try
        {
            await using var transaction = await LogTransaction.CreateAsync(store, database, definition.Name, cancellation);
            return transaction is null
                ? new WriteOutcome.AlreadyExists(definition.Name)
                : await AppendAndCommitAsync(transaction, entries, items, RulePolicy.Refuse, cancellation);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return new WriteOutcome.AlreadyExists(definition.Name);
        }
    }

    /// <summary>Appends one write to an existing register, committed together with whatever else is waiting for it.</summary>
    public Task<WriteOutcome> AppendAsync(string register, WriteRequest write) => queue.AppendAsync(register, write);

    /// <summary>
    /// Loads RSF into <paramref name="register"/>, creating it if it does not exist, all or nothing:
    /// problems with any line roll the whole load back.
    /// </summary>
    public async Task<WriteOutcome> LoadRsfAsync(string register, PipeReader body, RulePolicy policy, CancellationToken cancellation)
    {
        if (!Protocol.Json.CanonicalJson.IsAttributeName(register))
        {
            return new WriteOutcome.Invalid([$"name '{register}' must be lower-case letters, digits and hyphens, starting with a letter"]);
        }

        try
        {
            await using var transaction = await LogTransaction.CreateAsync(store, database, register, cancellation)
                ?? await LogTransaction.OpenAsync(store, database, register, cancellation)
                ?? throw new InvalidOperationException($"Register {register} neither exists nor can be created.");
            var before = transaction.Head;
            var loader = new RsfLoader(transaction, Now(), policy);
            if (!await loader.LoadAsync(body, cancellation))
            {
                return new WriteOutcome.Refused(loader.Problems, loader.ProblemCount);
            }

            var checkpoints = await transaction.CommitAsync(signer, cancellation);
            return new WriteOutcome.Committed(transaction.Head, EntryRange.Between(before, transaction.Head), checkpoints, loader.Warnings);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return new WriteOutcome.AlreadyExists(register);
        }
    }

    private async Task<WriteOutcome> AppendAndCommitAsync(
        LogTransaction transaction, IReadOnlyList<ProposedEntry> entries, IReadOnlyList<Item> items, RulePolicy policy, CancellationToken cancellation)
    {
        var before = transaction.Head;
        var decision = (await transaction.AppendAsync([new WriteRequest(entries, items, policy)], Now(), cancellation))[0];
        if (!decision.Accepted)
        {
            return new WriteOutcome.Refused(decision.Problems, decision.Problems.Count);
        }

        var checkpoints = await transaction.CommitAsync(signer, cancellation);
        return new WriteOutcome.Committed(transaction.Head, EntryRange.Between(before, transaction.Head), checkpoints, decision.Warnings);
    }

    private EntryTimestamp Now() => EntryTimestamp.From(time.GetUtcNow());
}
