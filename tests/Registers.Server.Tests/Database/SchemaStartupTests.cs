using Npgsql;
using Registers.Server.Storage;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Database;

public sealed class SchemaStartupTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_restart_finds_the_schema_as_it_left_it_and_replaces_nothing()
    {
        string database;
        await using (var first = await RunningServer.StartAsync(cluster))
        {
            database = first.ConnectionString;
        }

        var before = await SchemaObjectIdsAsync(database);
        await using (await RunningServer.StartAsync(cluster, database: database))
        {
        }

        // A function or table dropped and made again (the schema diff failing to match) comes back with a new oid.
        Assert.Contains(before, entry => entry.Name == "append_to_tile");
        Assert.Equal(before, await SchemaObjectIdsAsync(database));
    }

    [Fact]
    public async Task A_database_this_build_has_not_set_up_is_brought_up_to_its_schema_at_start()
    {
        string database;
        await using (var first = await RunningServer.StartAsync(cluster))
        {
            database = first.ConnectionString;
        }

        // As if an older build had set the database up: an index it did not have, and no fingerprint of this build.
        await ExecuteAsync(database, $"DROP INDEX {StorageSchema.Name}.ix_entries_key; DELETE FROM {StorageSchema.Name}.schema_applied");
        await using (await RunningServer.StartAsync(cluster, database: database))
        {
        }

        Assert.Contains(await SchemaObjectIdsAsync(database), entry => entry.Name == "ix_entries_key");
    }

    [Fact]
    public async Task A_database_whose_idempotency_keys_were_unique_per_register_has_them_unique_per_signer_after_a_start()
    {
        string database;
        await using (var first = await RunningServer.StartAsync(cluster))
        {
            database = first.ConnectionString;
        }

        // As an older build left it: one write per register and idempotency key, whoever signed it.
        await ExecuteAsync(database, $"""
            DROP INDEX {StorageSchema.Name}.ux_writes_idempotency;
            CREATE UNIQUE INDEX ux_writes_idempotency ON {StorageSchema.Name}.writes USING btree (register, idempotency_key) WHERE (idempotency_key IS NOT NULL);
            DELETE FROM {StorageSchema.Name}.schema_applied
            """);
        await using (await RunningServer.StartAsync(cluster, database: database))
        {
        }

        await InsertWriteAsync(database, "alice+00000001", "batch-1");
        await InsertWriteAsync(database, "bob+00000002", "batch-1");
        await InsertWriteAsync(database, null, "batch-1");
        var again = await Assert.ThrowsAsync<PostgresException>(() => InsertWriteAsync(database, "alice+00000001", "batch-1"));
        var unsignedAgain = await Assert.ThrowsAsync<PostgresException>(() => InsertWriteAsync(database, null, "batch-1"));
        Assert.Equal((PostgresErrorCodes.UniqueViolation, "ux_writes_idempotency"), (again.SqlState, again.ConstraintName));
        Assert.Equal((PostgresErrorCodes.UniqueViolation, "ux_writes_idempotency"), (unsignedAgain.SqlState, unsignedAgain.ConstraintName));

        // A build that compares the schema again finds the index as it is meant to be, and leaves it.
        var before = await SchemaObjectIdsAsync(database);
        await ExecuteAsync(database, $"DELETE FROM {StorageSchema.Name}.schema_applied");
        await using (await RunningServer.StartAsync(cluster, database: database))
        {
        }

        Assert.Equal(before, await SchemaObjectIdsAsync(database));
    }

    private static Task InsertWriteAsync(string database, string? keyId, string idempotencyKey) =>
        ExecuteAsync(database, $"""
            INSERT INTO {StorageSchema.Name}.writes (register, id, key_id, idempotency_key, user_size, system_size)
            VALUES ('country', gen_random_uuid(), {(keyId is null ? "NULL" : $"'{keyId}'")}, '{idempotencyKey}', 0, 0)
            """);

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string Name, uint Oid)>> SchemaObjectIdsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT p.proname::text, p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '{StorageSchema.Name}'
            UNION ALL
            SELECT c.relname::text, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{StorageSchema.Name}'
            ORDER BY 1
            """, connection);
        var objects = new List<(string, uint)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            objects.Add((reader.GetString(0), reader.GetFieldValue<uint>(1)));
        }

        return objects;
    }
}
