using Marten;
using Npgsql;
using JasperFx;
using Registers.Server.Database;

namespace Registers.Server.Storage;

/// <summary>
/// Brings the database schema up to this build's at start-up, once per build: Marten's full comparison of every table,
/// index and function takes some 400 ms (measured), so a database that this build (same server assembly, same Marten
/// and Weasel) has already set up is recognised by a fingerprint it keeps and left alone.
/// </summary>
internal sealed class SchemaSetup(IDocumentStore store, NpgsqlDataSource database, RegisterDatabase registers, ILogger<SchemaSetup> logger) : IHostedService
{
    private static readonly string AppliedTable = $"{StorageSchema.Name}.schema_applied";

    /// <summary>What the schema is made from: this server build and the libraries that lay its tables out.</summary>
    public static string Fingerprint { get; } = string.Join(' ',
        typeof(SchemaSetup).Assembly.ManifestModule.ModuleVersionId,
        typeof(IDocumentStore).Assembly.GetName().Version,
        typeof(Weasel.Postgresql.PostgresqlMigrator).Assembly.GetName().Version);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await IsAppliedAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        }
        catch (Exception failure) when (SchemaRefusal.Explains(failure))
        {
            throw await SchemaRefusal.DescribeAsync(failure, registers, database);
        }

        await using var record = database.CreateBatch();
        record.BatchCommands.Add(new NpgsqlBatchCommand($"CREATE TABLE IF NOT EXISTS {AppliedTable} (fingerprint text PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())"));
        // Only the build that set the schema up last: an older build started again must apply its own schema again.
        record.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {AppliedTable}"));
        record.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {AppliedTable} (fingerprint) VALUES ($1)") { Parameters = { new() { Value = Fingerprint } } });
        await record.ExecuteNonQueryAsync(cancellationToken);
        logger.LogInformation("Database schema brought up to this build ({Fingerprint})", Fingerprint);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> IsAppliedAsync(CancellationToken cancellation)
    {
        await using var command = database.CreateCommand($"SELECT to_regclass('{AppliedTable}') IS NOT NULL");
        if (await command.ExecuteScalarAsync(cancellation) is not true)
        {
            return false;
        }

        await using var applied = database.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {AppliedTable} WHERE fingerprint = $1)");
        applied.Parameters.Add(new NpgsqlParameter { Value = Fingerprint });
        return await applied.ExecuteScalarAsync(cancellation) is true;
    }
}
