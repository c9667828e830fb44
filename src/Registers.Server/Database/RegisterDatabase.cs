using Registers.Server.Hosting;

namespace Registers.Server.Database;

/// <summary>
/// Chooses the database: the one configured as <c>ConnectionStrings:Registers</c>, or else a private
/// cluster in the data directory, started from the installed PostgreSQL binaries.
/// </summary>
internal static class RegisterDatabase
{
    public const string ConnectionName = "Registers";
    private const string DatabaseName = "registers";

    /// <summary>The connection string to use, and the embedded cluster when one was started for it.</summary>
    public static async Task<(string ConnectionString, EmbeddedPostgres? Embedded)> ResolveAsync(
        IConfiguration configuration, ServerOptions options, ILogger logger, CancellationToken cancellation)
    {
        var configured = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, null);
        }

        var embedded = await EmbeddedPostgres.StartAsync(
            Path.Combine(options.DataPath, "postgres"), stopOnDispose: true, durable: true, logger, cancellation);
        await embedded.EnsureDatabaseAsync(DatabaseName, cancellation);
        return (embedded.ConnectionString(DatabaseName), embedded);
    }
}
