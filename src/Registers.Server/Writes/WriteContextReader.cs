using Npgsql;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Entries;
using Registers.Protocol.Fields;
using Registers.Protocol.Hashing;
using Registers.Protocol.Items;
using Registers.Server.Signatures;
using Registers.Server.Storage;

namespace Registers.Server.Writes;

/// <summary>Reads what a batch is decided against, in one round trip, inside the writer's transaction.</summary>
internal static class WriteContextReader
{
    // In entry order: where lenient history defined one field under two keys, the later definition is in force, as it
    // was while that history was decided (RegisterSchema takes later definitions over earlier ones).
    private static readonly string FieldsSql = $"""
        SELECT i.content FROM {StorageSchema.Name}.records r
        JOIN {StorageSchema.Name}.items i ON i.register = r.register AND i.hash = substring(r.item_hashes FROM 1 FOR 32)
        WHERE r.register = $1 AND r.log = {(short)EntryLog.System} AND r.key LIKE 'field:%'
        ORDER BY r.number
        """;

    // One probe of the primary key per key, whatever the statistics say. As a plain join, a load into a register
    // PostgreSQL has no statistics for yet ("register = $1 AND log = $2" looks like one row) was planned as a hash of
    // all the register's records for every chunk, so a large load grew quadratic (measured: 1,000,000 entries in
    // 365 s, 273 ms a chunk at ~500,000 records). A LATERAL subquery with LIMIT is not flattened into a join.
    private static readonly string RecordsSql = $"""
        SELECT q.log, q.key, r.item_hashes FROM unnest($2::smallint[], $3::text[]) AS q(log, key)
        CROSS JOIN LATERAL (
            SELECT r.item_hashes FROM {StorageSchema.Name}.records r
            WHERE r.register = $1 AND r.log = q.log AND r.key = q.key LIMIT 1) r
        """;

    private static readonly string ItemsSql = $"SELECT content FROM {StorageSchema.Name}.items WHERE register = $1 AND hash = ANY($2)";

    // Key ids are every register's, and a register's lock is its own. A group of writes that lists custodian keys takes a
    // lock of each entry key it lists, all in one statement in the order of their hashes (so two groups never wait on each
    // other), after the key ids' common lock in shared mode, and then reads what every register lists under them, committed
    // by the groups that held the locks before. A load decides chunk by chunk, so locks of its keys would be taken in the
    // file's order and held for the whole load; it takes the common lock alone, exclusively, at its first chunk that lists
    // a key: one lock cannot be taken out of order, and it keeps other registers' key changes (rare, the admin's), with
    // the writes grouped with them or queued behind them, waiting only while such a load runs. The two-number form keeps these locks apart from Marten's and Wolverine's.
    private const int KeyIdLockSpace = 0x52656773;
    private const int AllKeyIdsLockSpace = 0x52656774;

    private static readonly string KeyIdLocksSql = $"""
        SELECT count(pg_advisory_xact_lock({KeyIdLockSpace}, h))
        FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS ordered
        """;

    private static readonly string SharedKeyIdsLockSql = $"SELECT pg_advisory_xact_lock_shared({AllKeyIdsLockSpace}, 0)";
    private static readonly string ExclusiveKeyIdsLockSql = $"SELECT pg_advisory_xact_lock({AllKeyIdsLockSpace}, 0)";

    // A custodian-key entry is judged against the key's current item on its register (CustodianKeyChange), which the
    // batch need not cite, and against what other registers list under the same key id.
    private static readonly string CustodianKeysSql = $"""
        SELECT r.register, r.key, i.content FROM {StorageSchema.Name}.records r
        JOIN {StorageSchema.Name}.items i ON i.register = r.register AND i.hash = substring(r.item_hashes FROM 1 FOR 32)
        WHERE r.log = {(short)EntryLog.System} AND r.key = ANY($1)
        """;

    /// <summary>Whether PostgreSQL's text can hold <paramref name="key"/>: everything but the NUL character.</summary>
    private static bool CanBeStored(string key) => !key.Contains('\0', StringComparison.Ordinal);

    /// <summary>Reads the context of <paramref name="proposals"/> on the transaction's <paramref name="connection"/>.</summary>
    /// <param name="connection">The connection of the transaction that holds the register's lock.</param>
    /// <param name="register">The register written.</param>
    /// <param name="proposals">The entries to decide.</param>
    /// <param name="newItems">Items the writes bring.</param>
    /// <param name="adminKey">The admin key, whose key id no custodian key may take.</param>
    /// <param name="loadChunk">Whether the proposals are a load's chunk (the key ids' common lock) or a group of writes (a lock of each custodian key they list).</param>
    /// <param name="citedBeforeAdded">
    /// Items of <paramref name="newItems"/> that an entry cites before its add, by the add's line: those storage does
    /// not hold become the context's <see cref="WriteContext.AddedAfterCited"/>.
    /// </param>
    /// <param name="cancellation">Stops the read.</param>
    public static async Task<WriteContext> ReadAsync(
        NpgsqlConnection connection, string register, IReadOnlyList<ProposedEntry> proposals, IReadOnlyList<Item> newItems, VerifierKey adminKey,
        bool loadChunk, IReadOnlyDictionary<Digest, long> citedBeforeAdded, CancellationToken cancellation)
    {
        var items = newItems.DistinctBy(item => item.Hash).ToDictionary(item => item.Hash);
        var addedAfterCited = new Dictionary<Digest, long>(citedBeforeAdded);
        var wanted = proposals.SelectMany(proposal => proposal.ItemHashes).Where(hash => !items.ContainsKey(hash) || addedAfterCited.ContainsKey(hash)).Distinct().ToArray();
        // A key PostgreSQL's text cannot hold has no record, and would fail the statement for every write of the group:
        // it is left out here, and refused by the key rule.
        var keys = proposals.Where(proposal => CanBeStored(proposal.Key)).Select(proposal => (proposal.Log, proposal.Key)).Distinct().ToArray();

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(FieldsSql, register));
        batch.BatchCommands.Add(Command(RecordsSql, register, keys.Select(key => (short)key.Log).ToArray(), keys.Select(key => key.Key).ToArray()));
        batch.BatchCommands.Add(Command(ItemsSql, register, wanted.Select(hash => hash.ToArray()).ToArray()));
        string[] keyChanges = [.. proposals.Where(WriteRequest.IsCustodianKeyEntry).Select(proposal => proposal.Key).Where(CanBeStored).Distinct()];
        if (keyChanges.Length > 0)
        {
            if (loadChunk)
            {
                batch.BatchCommands.Add(Command(ExclusiveKeyIdsLockSql));
            }
            else
            {
                batch.BatchCommands.Add(Command(SharedKeyIdsLockSql));
                batch.BatchCommands.Add(Command(KeyIdLocksSql, (object)keyChanges));
            }

            batch.BatchCommands.Add(Command(CustodianKeysSql, (object)keyChanges));
        }

        var fields = new List<FieldDefinition>();
        var records = new Dictionary<(EntryLog, string), Digest[]>();
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            // Stored definitions were checked when appended; one that does not parse was let through as history, under its own rules.
            if (FieldDefinition.TryParse(ReadItem(reader), null, out var field, out _))
            {
                fields.Add(field);
            }
        }

        await reader.NextResultAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            records[((EntryLog)reader.GetInt16(0), reader.GetString(1))] = Split(reader.GetFieldValue<byte[]>(2));
        }

        await reader.NextResultAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var item = ReadItem(reader);
            items[item.Hash] = item;
            addedAfterCited.Remove(item.Hash);
        }

        var elsewhere = new Dictionary<string, IReadOnlyList<CustodianKeyGrant>>();
        if (keyChanges.Length > 0)
        {
            // The locks, taken.
            for (var locks = loadChunk ? 1 : 2; locks > 0; locks--)
            {
                await reader.NextResultAsync(cancellation);
            }

            await reader.NextResultAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                var (listedOn, entryKey, content) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                if (listedOn == register)
                {
                    var item = ReadItem(reader, 2);
                    items[item.Hash] = item;
                }
                else if (CustodianKeyStore.Parse(content) is { } grant)
                {
                    elsewhere[entryKey] = [.. elsewhere.GetValueOrDefault(entryKey) ?? [], new CustodianKeyGrant(listedOn, grant.Key, grant.Revoked, content)];
                }
            }
        }

        return new WriteContext(register, fields, records, items) { GrantsElsewhere = elsewhere, AdminKey = adminKey, AddedAfterCited = addedAfterCited };
    }

    private static Item ReadItem(NpgsqlDataReader reader, int column = 0) => Item.Create(System.Text.Encoding.UTF8.GetBytes(reader.GetString(column)));

    /// <summary>Splits concatenated 32-byte hashes.</summary>
    public static Digest[] Split(byte[] concatenated) =>
        [.. Enumerable.Range(0, concatenated.Length / Digest.Length).Select(i => Digest.FromBytes(concatenated.AsSpan(i * Digest.Length, Digest.Length)))];

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
