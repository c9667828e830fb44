using Registers.Protocol.Checkpoints;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Registers.Server.Tests.Support;

/// <summary>
/// The real server, in this process, on a free loopback port, over real HTTP, with a database and a
/// data folder of its own. Tests talk to it only through <see cref="Client"/> (or their own clients).
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly Dictionary<string, string?> _configuration;
    private bool _restarted;

    private RunningServer(WebApplication app, string dataDirectory, Dictionary<string, string?> configuration, Uri address, string connectionString, SignerKey adminKey)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        _configuration = configuration;
        Address = address;
        ConnectionString = connectionString;
        AdminKey = adminKey;
        Client = NewClient(adminKey);
    }

    /// <summary>The key the server takes as the admin's.</summary>
    public SignerKey AdminKey { get; }

    /// <summary>Where the server listens.</summary>
    public Uri Address { get; }

    /// <summary>The server's database (for tests that tamper with what is stored).</summary>
    public string ConnectionString { get; }

    /// <summary>A client that signs with the admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's services, for tests that need one directly.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a server on a fresh database of <paramref name="cluster"/>, or on <paramref name="database"/> when given
    /// (a connection string from an earlier server's <see cref="ConnectionString"/>). It seeds no registers unless
    /// <paramref name="settings"/> say <c>Registers:SeedOnFirstStart</c>. Its admin key is a fresh one unless
    /// <paramref name="adminKey"/> is given (the server then owns it, and disposes of it).
    /// </summary>
    public static async Task<RunningServer> StartAsync(
        PostgresCluster? cluster, IDictionary<string, string?>? settings = null, string? database = null, SignerKey? adminKey = null)
    {
        var connectionString = database ?? await (cluster ?? throw new ArgumentNullException(nameof(cluster), "Name a cluster or a database.")).CreateDatabaseAsync();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "registers-server-" + Guid.NewGuid().ToString("N")[..12]);
        adminKey ??= SignerKey.Generate("registers.test/admin");
        Directory.CreateDirectory(dataDirectory);
        await OwnerOnlyFile.WriteAsync(Path.Combine(dataDirectory, "admin-key"), adminKey.ExportPrivateKey());

        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Registers"] = connectionString,
            ["Registers:DataDirectory"] = dataDirectory,
            ["Registers:PublicHost"] = "registers.test",
            ["Registers:SeedOnFirstStart"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        // A server started again on an earlier one's database signs with its log key, as a real restart does (a server
        // whose key did not sign the stored checkpoints does not start).
        var logKeyFile = configuration.GetValueOrDefault("Registers:LogKeyFile") ?? Path.Combine(configuration["Registers:DataDirectory"]!, "log-key");
        if (!File.Exists(logKeyFile) && LogKeys.TryGetValue(connectionString, out var logKey))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logKeyFile)!);
            await OwnerOnlyFile.WriteAsync(logKeyFile, logKey);
        }

        var server = await RunAsync(configuration, "http://127.0.0.1:0", dataDirectory, connectionString, adminKey);
        LogKeys[connectionString] = await File.ReadAllTextAsync(logKeyFile);
        return server;
    }

    /// <summary>The log key each database's last server signed with, by connection string.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> LogKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// Stops this server and starts it again as a restarted process would be: a new process's memory, the same database,
    /// data folder, admin key and address. Use the server returned (it owns all of those now); this one is spent.
    /// </summary>
    public async Task<RunningServer> RestartAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _restarted = true;
        return await RunAsync(_configuration, Address.ToString().TrimEnd('/'), _dataDirectory, ConnectionString, AdminKey);
    }

    private static async Task<RunningServer> RunAsync(
        Dictionary<string, string?> configuration, string url, string dataDirectory, string connectionString, SignerKey adminKey)
    {
        var app = ServerApp.Build([], builder =>
        {
            builder.WebHost.UseUrls(url);
            builder.Configuration.AddInMemoryCollection(configuration);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, dataDirectory, configuration, new Uri(address), connectionString, adminKey);
    }

    /// <summary>A client for this server, signing its requests with <paramref name="key"/> when given.</summary>
    public HttpClient NewClient(SignerKey? key = null) =>
        key is null ? new HttpClient { BaseAddress = Address } : new HttpClient(SigningHandler.For(key)) { BaseAddress = Address };

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_restarted)
        {
            return; // the restarted server owns the key, the data folder and the address
        }

        Client.Dispose();
        AdminKey.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
