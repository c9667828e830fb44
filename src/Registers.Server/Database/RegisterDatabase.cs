using Npgsql;
using Registers.Server.Hosting;

namespace Registers.Server.Database;

/// <summary>
/// Chooses the database: the one configured as <c>ConnectionStrings:Registers</c>, or else a private
/// cluster in the data directory, started from the installed PostgreSQL binaries. Disposing it stops the
/// private cluster, however the server ends: after serving, or when its start failed or was interrupted.
/// </summary>
internal sealed partial class RegisterDatabase : IAsyncDisposable
{
    public const string ConnectionName = "Registers";
    public const string ConnectionSetting = "ConnectionStrings:" + ConnectionName;
    private const string DatabaseName = "registers";

    private RegisterDatabase(string connectionString, EmbeddedPostgres? embedded, Task ready, string description)
    {
        ConnectionString = connectionString;
        Embedded = embedded;
        Ready = ready;
        Description = description;
    }

    /// <summary>Where the registers are stored.</summary>
    public string ConnectionString { get; }

    /// <summary>The private cluster, when no database was configured.</summary>
    public EmbeddedPostgres? Embedded { get; }

    /// <summary>Completes when the database accepts connections; faults with the reason when it cannot start.</summary>
    public Task Ready { get; }

    /// <summary>Which database this is and the setting that chose it, for messages (never the password).</summary>
    public string Description { get; }

    /// <summary>
    /// Resolves the database and, for a private cluster, begins starting it. The start runs while the rest of the
    /// server is wired (measured: a few hundred milliseconds of start-up), and <see cref="Ready"/> is awaited before
    /// anything touches the database.
    /// </summary>
    /// <exception cref="StartupException">The configured connection string cannot be read, or no database is configured and the PostgreSQL binaries are missing.</exception>
    public static RegisterDatabase Resolve(IConfiguration configuration, ServerOptions options, ILogger logger, CancellationToken cancellation)
    {
        var configured = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new RegisterDatabase(configured, null, Task.CompletedTask, Describe(configured));
        }

        EmbeddedPostgres embedded;
        try
        {
            embedded = EmbeddedPostgres.For(Path.Combine(options.DataPath, "postgres"), stopOnDispose: true, durable: true, logger);
        }
        catch (InvalidOperationException missing)
        {
            // The binaries are missing, or not where REGISTERS_PG_BIN says: the message says which and what to do.
            throw new StartupException(missing.Message, missing);
        }

        var mark = new ClusterMadeMark(options.DataPath);
        var ready = Task.Run(async () =>
        {
            await StartClusterAsync(embedded, mark, cancellation);
            await OpenRegistersDatabaseAsync(embedded, mark, logger, cancellation);
        }, cancellation);
        var description = $"the private PostgreSQL in {embedded.DataDirectory} (under {ServerOptions.Setting(nameof(ServerOptions.DataDirectory))}; or configure {ConnectionSetting})";
        return new RegisterDatabase(embedded.ConnectionString(DatabaseName), embedded, ready, description);
    }

    /// <summary>
    /// Starts the private cluster, making it only in a data folder that never held one: a cluster made there before and gone
    /// since would be made again empty, and served as if every register had never been.
    /// </summary>
    /// <exception cref="StartupException">The data folder no longer holds the cluster made there.</exception>
    private static async Task StartClusterAsync(EmbeddedPostgres cluster, ClusterMadeMark mark, CancellationToken cancellation)
    {
        if (!mark.Exists)
        {
            await cluster.StartAsync(cancellation);
        }
        else if (!await cluster.StartAgainAsync(cancellation))
        {
            throw new StartupException(
                $"The folder {cluster.DataDirectory} no longer holds the private PostgreSQL cluster made there (the file {ClusterMadeMark.FileName} " +
                "beside it records that one was): it is not made again, as an empty cluster would serve every register as gone. Put the cluster back there " +
                $"(from a backup, or mount its disk), or, to start afresh on an empty database, delete {mark.Path}.");
        }
    }

    /// <summary>
    /// Makes the registers database only in a cluster not yet marked as made (made by this start, or by one stopped before it
    /// marked it, or before the mark was kept), then marks it: a database dropped since would be made again empty, and served
    /// as if every register had never been, while the log key and the checkpoints it signed live on outside the cluster.
    /// </summary>
    /// <exception cref="StartupException">The cluster marked as made no longer holds the registers database.</exception>
    private static async Task OpenRegistersDatabaseAsync(EmbeddedPostgres cluster, ClusterMadeMark mark, ILogger logger, CancellationToken cancellation)
    {
        if (!mark.Exists)
        {
            // A cluster this start did not make, without the database, is one stopped before making it, or one of a server from
            // before the mark whose database was dropped: the start cannot tell which, so it makes the database, and says so.
            if (!cluster.Made && !await cluster.HoldsDatabaseAsync(DatabaseName, cancellation))
            {
                LogDatabaseMadeInFoundCluster(logger, DatabaseName, cluster.DataDirectory, ClusterMadeMark.FileName);
            }

            await cluster.EnsureDatabaseAsync(DatabaseName, cancellation);
        }
        else if (!await cluster.HoldsDatabaseAsync(DatabaseName, cancellation))
        {
            throw new StartupException(
                $"The private PostgreSQL cluster in {cluster.DataDirectory} no longer holds the database {DatabaseName} made in it (the file " +
                $"{ClusterMadeMark.FileName} beside it records that it was): it is not made again, as an empty database would serve every register " +
                $"as gone. Put the database back (from a backup), or, to start afresh on an empty database, delete {mark.Path}.");
        }

        mark.Write(); // after the database, lest a start stopped before making it leave a mark that refuses every start after
    }

    /// <summary>
    /// Starts the private cluster again if its postmaster has stopped (killed, crashed, out of disk): called when a request
    /// found the database unreachable. Nothing for a configured database, which its operator runs. One attempt at a time,
    /// and one in <see cref="ReviveInterval"/> at most, in the background: the request is answered 503 meanwhile.
    /// </summary>
    public void Revive(ILogger logger)
    {
        if (Embedded is not { } cluster || !Ready.IsCompletedSuccessfully || DateTime.UtcNow < _nextRevival || !_reviving.Wait(0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                if (await cluster.IsRunningAsync())
                {
                    return;
                }

                if (cluster.HoldsCluster)
                {
                    LogStopped(logger, cluster.DataDirectory, cluster.LogTail());
                }

                // Never made again: an empty cluster in its place would answer as if every register had never been.
                if (await cluster.StartAgainAsync())
                {
                    LogRevived(logger, cluster.DataDirectory);
                }
                else
                {
                    LogClusterMissing(logger, cluster.DataDirectory);
                }
            }
            catch (Exception failure) when (failure is InvalidOperationException or IOException or NpgsqlException)
            {
                LogNotRevived(logger, cluster.DataDirectory, failure.Message);
            }
            finally
            {
                _nextRevival = DateTime.UtcNow + ReviveInterval;
                _reviving.Release();
            }
        });
    }

    /// <summary>The least time between two attempts to start the private cluster again.</summary>
    public static readonly TimeSpan ReviveInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _reviving = new(1, 1);
    private DateTime _nextRevival;

    private readonly Lock _disposing = new();
    private Task? _stop;

    /// <summary>Stops the private cluster once its start has settled (a cluster half-way through starting is stopped too); disposing again waits for the same stop.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_disposing)
        {
            _stop ??= StopClusterAsync();
        }

        return new ValueTask(_stop);
    }

    private async Task StopClusterAsync()
    {
        if (Embedded is null)
        {
            return;
        }

        // A start again under way ends before the stop, which would otherwise miss it; the lock is kept, so none follows.
        await _reviving.WaitAsync();

        // Unless it was launched and left a postmaster.pid, there is nothing to stop, and pg_ctl would only complain, or stop
        // the postmaster of an earlier run that the start was still waiting for.
        await Ready.ContinueWith(_ => { }, TaskScheduler.Default);
        if (Embedded.Launched && File.Exists(Path.Combine(Embedded.DataDirectory, "postmaster.pid")))
        {
            await Embedded.StopAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The private PostgreSQL in {DataDirectory} has stopped; starting it again. The end of its log:\n{LogTail}")]
    private static partial void LogStopped(ILogger logger, string dataDirectory, string logTail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The private PostgreSQL cluster in {DataDirectory}, made before this start and not marked as holding " +
                                                       "its database ({MarkFile}), held no database {Database}: an empty one was made. If registers were " +
                                                       "stored there before (by a server from before the mark), stop the server and put the database back " +
                                                       "from a backup; else, a start stopped before it made the database, there is nothing to do")]
    private static partial void LogDatabaseMadeInFoundCluster(ILogger logger, string database, string dataDirectory, string markFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "The private PostgreSQL in {DataDirectory} is running again")]
    private static partial void LogRevived(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Error, Message = "The private PostgreSQL in {DataDirectory} could not be started again (tried again at the next request it fails): {Reason}")]
    private static partial void LogNotRevived(ILogger logger, string dataDirectory, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The folder {DataDirectory} no longer holds the private PostgreSQL cluster (emptied or removed, or its disk " +
                                                        "unmounted): it will not be made again, as an empty cluster would serve every register as gone. Requests are " +
                                                        "answered 503 until the cluster is put back there (from a backup); the next request after that starts it again")]
    private static partial void LogClusterMissing(ILogger logger, string dataDirectory);

    private static string Describe(string connectionString)
    {
        try
        {
            var parts = new NpgsqlConnectionStringBuilder(connectionString);
            // Npgsql fills parts left out from PGUSER / PGDATABASE or the operating-system user; a blank here would say nothing.
            var user = string.IsNullOrEmpty(parts.Username) ? "the default user (PGUSER, else the operating-system user)" : parts.Username;
            var name = string.IsNullOrEmpty(parts.Database) ? parts.Username : parts.Database;
            var database = string.IsNullOrEmpty(name) ? "the default database (PGDATABASE, else the user's name)" : $"the database {name}";
            return $"{database} on {parts.Host}:{parts.Port} as {user} ({ConnectionSetting})";
        }
        catch (ArgumentException failure)
        {
            throw new StartupException($"{ConnectionSetting} is not a PostgreSQL connection string: {failure.Message}", failure);
        }
    }
}
