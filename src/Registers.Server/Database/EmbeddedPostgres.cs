using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Registers.Server.Database;

/// <summary>
/// A private PostgreSQL cluster started from the installed binaries: its data lives in a folder of
/// ours, it listens only on a Unix socket in a folder of ours, and it never touches a system cluster.
/// A cluster left running by a process that died is picked up again rather than started twice; one still on its way out is
/// waited for; a postmaster.pid whose PID another process has taken since (after a restart of the machine) is deleted.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const int SocketPort = 5432; // only names the socket file; no TCP port is opened
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const int MaxSocketPathLength = 100; // sun_path is 108 bytes on Linux, with room for ".s.PGSQL.5432"

    private readonly string _binaries;
    private readonly string? _runAs;
    private readonly ILogger _logger;
    private readonly bool _stopOnDispose;
    private readonly bool _durable;

    private EmbeddedPostgres(string binaries, string dataDirectory, string socketDirectory, string? runAs, bool stopOnDispose, bool durable, ILogger logger)
    {
        _durable = durable;
        _binaries = binaries;
        DataDirectory = dataDirectory;
        SocketDirectory = socketDirectory;
        _runAs = runAs;
        _stopOnDispose = stopOnDispose;
        _logger = logger;
    }

    /// <summary>The cluster's data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The folder holding the cluster's Unix socket.</summary>
    public string SocketDirectory { get; }

    /// <summary>
    /// Whether this object has started the cluster's server or found it running: until then there is nothing of its own to
    /// stop (a postmaster of an earlier run, still exiting, is not).
    /// </summary>
    public bool Launched { get; private set; }

    /// <summary>Whether this object made the cluster (initdb): false for one found in the data folder.</summary>
    public bool Made { get; private set; }

    /// <summary>Whether the data folder holds a cluster: initdb writes its version file first, and PostgreSQL will not start without it.</summary>
    public bool HoldsCluster => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>A connection string for the given database of this cluster.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Port = SocketPort,
        Username = SuperUser,
        Database = database,
        NoResetOnClose = true, // measured: single appends ~1.6k/s -> ~2.5k/s
        MaxPoolSize = 200,
    }.ConnectionString;

    /// <summary>
    /// Initialises the cluster in <paramref name="dataDirectory"/> if it is new, starts it unless it
    /// is already running, and waits until it accepts connections.
    /// </summary>
    /// <param name="dataDirectory">Folder for the cluster; created if missing.</param>
    /// <param name="stopOnDispose">Stop the cluster when this object is disposed.</param>
    /// <param name="durable">False only for throw-away test clusters: skips fsync, which loses data on a power cut.</param>
    /// <param name="logger">Where progress goes.</param>
    /// <param name="cancellation">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">The binaries are missing or the cluster would not start; the message says why.</exception>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDirectory, bool stopOnDispose, bool durable, ILogger logger, CancellationToken cancellation = default)
    {
        var cluster = For(dataDirectory, stopOnDispose, durable, logger);
        await cluster.StartAsync(cancellation);
        return cluster;
    }

    /// <summary>
    /// Describes the cluster in <paramref name="dataDirectory"/> without starting it: its connection
    /// strings are known at once, so a caller can go on with other work while <see cref="StartAsync(CancellationToken)"/> runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The PostgreSQL binaries are missing; the message says how to install them, or which setting names a folder without them.</exception>
    public static EmbeddedPostgres For(string dataDirectory, bool stopOnDispose, bool durable, ILogger logger)
    {
        var binaries = PostgresBinaries.Find() ?? throw new InvalidOperationException(PostgresBinaries.NotFound());
        var runAs = Environment.IsPrivilegedProcess ? SuperUser : null;
        dataDirectory = Path.GetFullPath(dataDirectory);
        return new EmbeddedPostgres(binaries, dataDirectory, ChooseSocketDirectory(dataDirectory), runAs, stopOnDispose, durable, logger);
    }

    /// <summary>Initialises the cluster if it is new, starts it unless it is already running, and waits until it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">The cluster would not start; the message says why.</exception>
    /// <remarks>
    /// Cancelling stops what the start began: an initdb is killed (its unfinished folder deleted), and a server already starting
    /// is left to finish starting, so that <see cref="StopAsync"/> can stop it.
    /// </remarks>
    public async Task StartAsync(CancellationToken cancellation = default)
    {
        if (HoldsCluster)
        {
            await PrepareFoldersAsync(DataDirectory, cancellation);
        }
        else
        {
            await new ClusterInitialiser(_binaries, DataDirectory, SuperUser, _runAs, _logger).MakeAsync(PrepareFoldersAsync, cancellation);
            Made = true;
        }

        await StartMadeClusterAsync(cancellation);
    }

    /// <summary>
    /// Starts the cluster made earlier in the data folder, unless it is already running, and waits until it accepts
    /// connections; never makes one. False, having done nothing, when the folder no longer holds the cluster (emptied or
    /// removed, or a disk no longer mounted there): a cluster made anew would be an empty one, every register gone.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cluster would not start; the message says why.</exception>
    public async Task<bool> StartAgainAsync(CancellationToken cancellation = default)
    {
        if (!HoldsCluster)
        {
            return false;
        }

        await PrepareFoldersAsync(DataDirectory, cancellation);
        await StartMadeClusterAsync(cancellation);
        return true;
    }

    private async Task StartMadeClusterAsync(CancellationToken cancellation)
    {
        if (await EarlierPostmaster.SettleAsync(DataDirectory, _logger, cancellation))
        {
            _logger.LogInformation("PostgreSQL already running in {DataDirectory}; using it", DataDirectory);
            Launched = true;
        }
        else
        {
            await StartServerAsync(cancellation);
        }

        await WaitUntilReadyAsync(cancellation);
    }

    /// <summary>Whether the cluster's postmaster is running (pg_ctl status).</summary>
    public async Task<bool> IsRunningAsync(CancellationToken cancellation = default) =>
        (await PgCtlAsync(["status", "-D", DataDirectory], cancellation)).ExitCode == 0;

    /// <summary>The last lines of the cluster's log, where it says why it stopped or would not start.</summary>
    public string LogTail(int lines = 10)
    {
        var log = Path.Combine(DataDirectory, "server.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(lines)) : "";
    }

    /// <summary>Creates a database in this cluster unless it exists.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellation = default)
    {
        if (!await HoldsDatabaseAsync(database, cancellation))
        {
            await using var connection = new NpgsqlConnection(ConnectionString());
            await connection.OpenAsync(cancellation);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellation);
        }
    }

    /// <summary>Whether this cluster holds the database <paramref name="database"/>.</summary>
    public async Task<bool> HoldsDatabaseAsync(string database, CancellationToken cancellation = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellation);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        return await exists.ExecuteScalarAsync(cancellation) is not null;
    }

    /// <summary>Stops the cluster (fast shutdown: open transactions roll back).</summary>
    public async Task StopAsync(CancellationToken cancellation = default)
    {
        var result = await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "fast", "-w"], cancellation);
        if (result.ExitCode != 0)
        {
            _logger.LogWarning("pg_ctl stop: {Output}", result.Output);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stopOnDispose)
        {
            await StopAsync();
        }
    }

    private static string ChooseSocketDirectory(string dataDirectory)
    {
        var beside = Path.Combine(Path.GetDirectoryName(dataDirectory)!, "socket");
        if (beside.Length <= MaxSocketPathLength - ".s.PGSQL.5432".Length)
        {
            return beside;
        }

        // Deep checkouts make socket paths too long for the kernel; a short per-cluster folder in /tmp serves instead.
        var tag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..12];
        return Path.Combine(Path.GetTempPath(), "registers-pg-" + tag);
    }

    /// <summary>Makes <paramref name="dataFolder"/> (the cluster's, or the one a new cluster is made in) and the socket's folder, for the user the cluster runs as.</summary>
    private async Task PrepareFoldersAsync(string dataFolder, CancellationToken cancellation)
    {
        Directory.CreateDirectory(dataFolder);
        Directory.CreateDirectory(SocketDirectory);
        if (!OperatingSystem.IsWindows())
        {
            // The cluster trusts whoever reaches its socket (initdb -A trust): only its owner may.
            File.SetUnixFileMode(SocketDirectory, OwnerOnly);
            if (_runAs is null)
            {
                File.SetUnixFileMode(dataFolder, OwnerOnly);
            }
        }

        if (_runAs is null)
        {
            return;
        }

        // As root, the cluster runs as the postgres user, which must own its folders and be able to reach them.
        foreach (var folder in new[] { dataFolder, SocketDirectory })
        {
            await ProcessRunner.RunCheckedAsync("chown", ["-R", _runAs, folder], asUser: null, cancellation);
        }

        var reach = await ProcessRunner.RunAsync("test", ["-w", dataFolder], _runAs, cancellation);
        if (reach.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The {_runAs} user cannot reach {DataDirectory} (a parent folder is closed to it). " +
                "Choose a data folder it can reach with Registers:DataDirectory, or configure ConnectionStrings:Registers.");
        }
    }

    private async Task StartServerAsync(CancellationToken cancellation)
    {
        _logger.LogInformation("Starting PostgreSQL ({Binaries}) on socket {SocketDirectory}", _binaries, SocketDirectory);
        // Bulk loads write gigabytes of WAL in one transaction: room between checkpoints spares full-page
        // rewrites, and JIT compilation costs more than the millisecond queries a register server runs.
        // Each chunk of a load is one event of some 300 KB of JSON: lz4 compresses it about three times faster
        // than the default pglz (measured here), at much the same size.
        var options = $"-k {SocketDirectory} -c unix_socket_permissions=0700 -p {SocketPort} -c listen_addresses='' -c max_connections=300 -c shared_buffers=256MB " +
                      "-c max_wal_size=8GB -c checkpoint_timeout=30min -c wal_buffers=64MB -c jit=off " +
                      "-c default_toast_compression=lz4 -c wal_compression=lz4";
        if (!_durable)
        {
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        // Not cancelled half-way: a postmaster left starting without pg_ctl would be missed by the stop that follows a cancel.
        var log = PostgresStartLog.Mark(Path.Combine(DataDirectory, "server.log"));
        Launched = true;
        var result = await PgCtlAsync(["start", "-D", DataDirectory, "-o", options, "-l", log.Path, "-w", "-t", "60"], CancellationToken.None);
        cancellation.ThrowIfCancellationRequested();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(log.Describe(result.Output));
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellation)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString());
                await connection.OpenAsync(cancellation);
                return;
            }
            catch (NpgsqlException) when (attempt < 100)
            {
                await Task.Delay(100, cancellation);
            }
        }
    }

    private Task<ProcessRunner.Result> PgCtlAsync(string[] arguments, CancellationToken cancellation) =>
        ProcessRunner.RunAsync(Path.Combine(_binaries, "pg_ctl"), arguments, _runAs, cancellation);
}
