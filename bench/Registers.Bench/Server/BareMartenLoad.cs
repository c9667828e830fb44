using System.Diagnostics;
using Npgsql;
using Registers.Server.Registers;
using SessionOptions = Marten.Services.SessionOptions;

namespace Registers.Bench.Server;

/// <summary>
/// The baseline for the bulk load: the server's events for the same file, appended by a bare Marten store
/// (<see cref="BareStore"/>), chunk by chunk as the server flushes them, all in one transaction as the server's load is.
/// </summary>
internal static class BareMartenLoad
{
    /// <summary>Loads <paramref name="file"/> into a new stream.</summary>
    /// <returns>
    /// Seconds spent in Marten (appending, flushing, committing), which is what the figure reports, and seconds in
    /// all, which add building the events in this process between flushes (the database waits meanwhile).
    /// </returns>
    public static async Task<(double MartenSeconds, double AllSeconds)> RunAsync(string connectionString, string file, string register)
    {
        using var store = await BareStore.CreateAsync(connectionString);
        await WarmUpAsync(store, file);

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

    /// <summary>
    /// One chunk of the file appended to a stream of its own and committed, untimed: the first calls of a process pay
    /// for compiling Marten's and Npgsql's code paths, which would otherwise weigh on small loads alone.
    /// </summary>
    private static async Task WarmUpAsync(Marten.DocumentStore store, string file)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream<RegisterHead>("warm-up", [new RegisterCreated("warm-up"), .. new EventChunks("warm-up").Read(file).First().Events]);
        await session.SaveChangesAsync();
    }
}
