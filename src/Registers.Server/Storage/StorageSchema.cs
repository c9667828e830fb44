using Weasel.Core;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Registers.Server.Storage;

/// <summary>
/// The tables the inline projections keep beside Marten's event store. Marten creates and migrates
/// them with its own schema objects, at start-up, in the same schema as the events.
/// </summary>
/// <remarks>
/// Every table is keyed by register name and log (0 = user, 1 = system), so many registers share
/// one set of tables and a proof for any register touches the same few indexes.
/// </remarks>
internal static class StorageSchema
{
    public const string Name = "registers";

    /// <summary>Items, content-addressed per register; <c>content</c> is the canonical JSON exactly as hashed.</summary>
    public static Table Items()
    {
        var table = new Table($"{Name}.items");
        table.AddColumn<string>("register").AsPrimaryKey();
        table.AddColumn("hash", "bytea").AsPrimaryKey();
        table.AddColumn("content", "text").NotNull();
        return table;
    }

    /// <summary>Entries of both logs, with the leaf hash and chain hash computed once when appended.</summary>
    public static Table Entries()
    {
        var table = new Table($"{Name}.entries");
        table.AddColumn<string>("register").AsPrimaryKey();
        table.AddColumn("log", "smallint").AsPrimaryKey();
        table.AddColumn("number", "bigint").AsPrimaryKey();
        table.AddColumn("key", "text").NotNull();
        table.AddColumn("timestamp", "timestamptz").NotNull();
        table.AddColumn("item_hashes", "bytea").NotNull(); // 32-byte hashes, concatenated
        table.AddColumn("leaf_hash", "bytea").NotNull();
        table.AddColumn("chain_hash", "bytea").NotNull();
        table.AddColumn("batch", "uuid").NotNull(); // the id of the event that appended it: who wrote it, and when
        table.Indexes.Add(new IndexDefinition("ix_entries_key") { Columns = ["register", "log", "key", "number"] });
        return table;
    }

    /// <summary>The latest entry of each key: the record.</summary>
    public static Table Records()
    {
        var table = new Table($"{Name}.records");
        table.AddColumn<string>("register").AsPrimaryKey();
        table.AddColumn("log", "smallint").AsPrimaryKey();
        table.AddColumn("key", "text").AsPrimaryKey();
        table.AddColumn("number", "bigint").NotNull();
        table.AddColumn("item_hashes", "bytea").NotNull(); // 32-byte hashes, concatenated
        // Custodian keys are found across registers by key; only the (small) system log needs that index.
        table.Indexes.Add(new IndexDefinition("ix_records_system_key") { Columns = ["key"], Predicate = "log = 1" });
        return table;
    }

    /// <summary>
    /// Merkle tree tiles as C2SP tlog-tiles lays them out: each row holds up to 256 hashes of one
    /// tile, concatenated; a partial tile grows in place until it is full and then never changes.
    /// </summary>
    public static Table Tiles()
    {
        var table = new Table($"{Name}.tiles");
        table.AddColumn<string>("register").AsPrimaryKey();
        table.AddColumn("log", "smallint").AsPrimaryKey();
        table.AddColumn("level", "smallint").AsPrimaryKey();
        table.AddColumn("index", "bigint").AsPrimaryKey();
        table.AddColumn("hashes", "bytea").NotNull();
        return table;
    }

    /// <summary>Every checkpoint the log key ever signed, one per tree size: it never signs two for one size.</summary>
    public static Table Checkpoints()
    {
        var table = new Table($"{Name}.checkpoints");
        table.AddColumn<string>("register").AsPrimaryKey();
        table.AddColumn("log", "smallint").AsPrimaryKey();
        table.AddColumn("size", "bigint").AsPrimaryKey();
        table.AddColumn("root", "bytea").NotNull();
        table.AddColumn("note", "text").NotNull();
        return table;
    }

    /// <summary>Committed writes: who signed them, their idempotency keys and the entries they took.</summary>
    /// <remarks>
    /// An idempotency key is unique per signer (<c>key_id</c>), not per register: co-custodians can predict each other's
    /// keys, and must not be able to take them first. The server's own unsigned writes (NULL, which a unique index would
    /// never find equal) are a signer of their own, hence the COALESCE. The key comes before the signer so that a lookup
    /// by key alone, across signers, is served by the index too.
    /// </remarks>
    public static Table Writes()
    {
        var table = new Table($"{Name}.writes");
        table.AddColumn<string>("register").AsPrimaryKey();
        table.AddColumn("id", "uuid").AsPrimaryKey(); // the WriteRecorded event
        table.AddColumn("key_id", "text");
        table.AddColumn("idempotency_key", "text");
        table.AddColumn("user_first", "bigint");
        table.AddColumn("user_last", "bigint");
        table.AddColumn("system_first", "bigint");
        table.AddColumn("system_last", "bigint");
        table.AddColumn("user_size", "bigint").NotNull();
        table.AddColumn("system_size", "bigint").NotNull();
        table.AddColumn("signature", "jsonb");
        table.Indexes.Add(new IndexDefinition("ux_writes_idempotency")
        {
            Columns = ["register", "idempotency_key", "COALESCE(key_id, '')"],
            IsUnique = true,
            Predicate = "idempotency_key IS NOT NULL",
        });
        return table;
    }

    /// <summary>
    /// Appends hashes to a tile, refusing (and so rolling the transaction back) when the tile does
    /// not end where the caller expects: a tile only ever grows at its end, and a mismatch would
    /// mean two writers, or a lost batch, and must never be stored.
    /// Written as PostgreSQL prints it back (pg_get_functiondef), so that start-up finds it unchanged instead of
    /// replacing it every time.
    /// </summary>
    public static Function AppendToTile() => Function.ForSql($$"""
        CREATE OR REPLACE FUNCTION {{Name}}.append_to_tile(p_register text, p_log smallint, p_level smallint, p_index bigint, p_offset integer, p_hashes bytea)
         RETURNS void
         LANGUAGE plpgsql
        AS $function$
        DECLARE
            stored integer;
        BEGIN
            INSERT INTO {{Name}}.tiles AS t (register, log, level, index, hashes)
            VALUES (p_register, p_log, p_level, p_index, p_hashes)
            ON CONFLICT (register, log, level, index) DO UPDATE SET hashes = t.hashes || excluded.hashes
            RETURNING octet_length(t.hashes) INTO stored;
            IF stored <> p_offset + octet_length(p_hashes) THEN
                RAISE EXCEPTION 'tile %/%/% of register % held % bytes where % were expected',
                    p_log, p_level, p_index, p_register, stored - octet_length(p_hashes), p_offset;
            END IF;
        END
        $function$;
        """);

    /// <summary>The log key of record: the verifier of the key that signs the checkpoints (one row; see LogKeyContinuity).</summary>
    public static Table LogKey()
    {
        var table = new Table($"{Name}.log_key");
        table.AddColumn<string>("verifier").AsPrimaryKey();
        return table;
    }

    /// <summary>
    /// The latest <c>created</c> of a signature a server accepted in the second it was made or before (ahead of the server's
    /// clock): one row, whose <c>one</c> is always true (see LatestAcceptedCreated).
    /// </summary>
    public static Table LatestAcceptedCreated()
    {
        var table = new Table($"{Name}.latest_accepted_created");
        table.AddColumn("one", "boolean").AsPrimaryKey();
        table.AddColumn("created", "bigint").NotNull(); // Unix seconds, as created gives them
        return table;
    }

    /// <summary>Everything the projections need beside Marten's own tables, for Marten to create.</summary>
    public static IEnumerable<ISchemaObject> All() => [Items(), Entries(), Records(), Tiles(), Checkpoints(), Writes(), LogKey(), LatestAcceptedCreated(), AppendToTile()];
}
