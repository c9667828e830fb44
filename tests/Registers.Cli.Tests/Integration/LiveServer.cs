using Registers.Cli.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Integration;

/// <summary>
/// The real server as its own process on a fresh database of the private PostgreSQL, with a data folder of its own (where
/// it makes its admin key on first start), and a working folder for the command; both folders deleted at the end.
/// </summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private LiveServer(string connectionString, TempFolder folder)
    {
        ConnectionString = connectionString;
        Folder = folder;
    }

    public string ConnectionString { get; }

    public TempFolder Folder { get; }

    public string DataDirectory => Path.Combine(Folder.Path, "data");

    public string AdminKeyFile => Path.Combine(DataDirectory, "admin-key");

    public ServerProcess? Process { get; private set; }

    public string Address => Process?.Address.ToString() ?? throw new InvalidOperationException("The server is not running.");

    public static async Task<LiveServer> StartAsync(PostgresCluster cluster)
    {
        var server = new LiveServer(await cluster.CreateDatabaseAsync(), TempFile.Folder());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server again on the same database and data folder (after <see cref="Kill"/>), with <paramref name="settings"/> (<c>--Registers:Name=value</c>).</summary>
    public async Task RestartAsync(params string[] settings) => Process = await ServerProcess.StartAsync(ConnectionString, DataDirectory, settings);

    /// <summary>Kills the server outright.</summary>
    public void Kill()
    {
        Process?.Kill();
        Process?.Dispose();
        Process = null;
    }

    /// <summary>Runs <c>registers</c> in this process against the server, signing with <paramref name="keyFile"/> (the admin key when null).</summary>
    public CliRun Run(string? keyFile, params string[] args) => RunAt(Address, keyFile, args);

    /// <summary>Runs <c>registers</c> as <see cref="Run"/> does, with <paramref name="server"/> as its server (the server through a proxy, say).</summary>
    public CliRun RunAt(string server, string? keyFile, params string[] args) =>
        RegistersCli.Run(RegistersCli.Sockets(Folder.Path), [.. args, "--server", server, "--key", keyFile ?? AdminKeyFile]);

    public ValueTask DisposeAsync()
    {
        Kill();
        Folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
