using Registers.Server.Hosting;

namespace Registers.Server.Database;

/// <summary>
/// Chooses the database: the one configured as <c>ConnectionStrings:Registers</c>, or else a private
/// cluster in the data directory, started from the installed PostgreSQL binaries.
/// </summary>
internal sealed class RegisterDatabase
{
    public const string ConnectionName = "Registers";
    private const string DatabaseName = "registers";

    private RegisterDatabase(string connectionString, EmbeddedPostgres? embedded, Task ready)
    {
        ConnectionString = connectionString;
        Embedded = embedded;
        Ready = ready;
    }

    /// <summary>Where the registers are stored.</summary>
    public string ConnectionString { get; }

    /// <summary>The private cluster, when no database was configured.</summary>
    public EmbeddedPostgres? Embedded { get; }

    /// <summary>Completes when the database accepts connections; faults with the reason when it cannot start.</summary>
    public Task Ready { get; }

    /// <summary>
    /// Resolves the database and, for a private cluster, begins starting it. The start runs while the rest of the
    /// server is wired (measured: a few hundred milliseconds of start-up), and <see cref="Ready"/> is awaited before
    /// anything touches the database.
    /// </summary>
    public static RegisterDatabase Resolve(IConfiguration configuration, ServerOptions options, ILogger logger, CancellationToken cancellation)
    {
        var configured = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new RegisterDatabase(configured, null, Task.CompletedTask);
        }

        var embedded = EmbeddedPostgres.For(Path.Combine(options.DataPath, "postgres"), stopOnDispose: true, durable: true, logger);
        var ready = Task.Run(async () =>
        {
            await embedded.StartAsync(cancellation);
            await embedded.EnsureDatabaseAsync(DatabaseName, cancellation);
        }, cancellation);
        return new RegisterDatabase(embedded.ConnectionString(DatabaseName), embedded, ready);
    }
}
