using Npgsql;
using Registers.Server.Database;

namespace Registers.Server.Storage;

/// <summary>
/// The connection pool of the read endpoints, beside the writers' own: the same database, tuned for many short
/// reads. Statements used twice are prepared on each connection (no parsing or planning after that), a connection
/// goes back to the pool without a reset (reads change no session state), and PostgreSQL's JIT is off (it spent
/// 0.5-0.7 s compiling queries that run in milliseconds).
/// </summary>
public sealed class ReadDatabase : IAsyncDisposable
{
    /// <summary>A pool on the database of <paramref name="writes"/> (its configured connection string when there is one, which keeps a password).</summary>
    public ReadDatabase(NpgsqlDataSource writes, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetConnectionString(RegisterDatabase.ConnectionName);
        var settings = new NpgsqlConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? writes.ConnectionString : configured)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            ApplicationName = "registers-reads",
        };
        settings.Options = string.Join(' ', new[] { settings.Options, "-c jit=off" }.Where(option => !string.IsNullOrEmpty(option)));
        Source = NpgsqlDataSource.Create(settings);
    }

    /// <summary>The pool.</summary>
    public NpgsqlDataSource Source { get; }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
