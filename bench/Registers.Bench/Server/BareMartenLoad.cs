using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using Registers.Server.Registers;
using Registers.Server.Storage;
using Weasel.Core;
using SessionOptions = Marten.Services.SessionOptions;

namespace Registers.Bench.Server;

/// <summary>
/// The baseline for the bulk load: the server's events for the same file, appended by a bare Marten store
/// (quick append, no projections, no snapshot, the server's JSON settings) in a schema of its own, chunk by chunk
/// as the server flushes them, all in one transaction as the server's load is.
/// </summary>
internal static class BareMartenLoad
{
    private const string Schema = "bare";

    /// <summary>Loads <paramref name="file"/> into a new stream.</summary>
    /// <returns>
    /// Seconds spent in Marten (appending, flushing, committing), which is what the figure reports, and seconds in
    /// all, which add building the events in this process between flushes (the database waits meanwhile).
    /// </returns>
    public static async Task<(double MartenSeconds, double AllSeconds)> RunAsync(string connectionString, string file, string register)
    {
        using var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = Schema;
            options.Events.DatabaseSchemaName = Schema;
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AppendMode = EventAppendMode.Quick;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, ProtocolJsonConverters.AddTo);
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var all = Stopwatch.StartNew();
        var marten = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        session.Events.StartStream<RegisterHead>(register, new RegisterCreated(register));
        await session.SaveChangesAsync();
        marten.Stop();

        foreach (var chunk in new EventChunks(register).Read(file))
        {
            marten.Start();
            session.Events.Append(register, chunk.Events);
            await session.SaveChangesAsync();
            marten.Stop();
        }

        marten.Start();
        await transaction.CommitAsync();
        return (marten.Elapsed.TotalSeconds, all.Elapsed.TotalSeconds);
    }
}
