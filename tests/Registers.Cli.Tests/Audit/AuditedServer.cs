using Npgsql;
using Registers.Cli.Tests.Integration;
using Registers.Cli.Tests.Support;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Cli.Tests.Audit;

/// <summary>A live server holding <c>school</c>, the pinned log key in a file, and SQL access to tamper with its database.</summary>
internal sealed class AuditedServer : IAsyncDisposable
{
    private AuditedServer(LiveServer server) => Server = server;

    public LiveServer Server { get; }

    public string LogKeyFile { get; private set; } = "";

    public static async Task<AuditedServer> StartAsync(PostgresCluster cluster, params string[] schools)
    {
        var audited = new AuditedServer(await LiveServer.StartAsync(cluster));
        var created = audited.Server.Run(null, "create", audited.Server.Folder.File("school.json", Custodian.Definition));
        Assert.True(created.ExitCode == 0, created.ToString());
        audited.PinLogKey();
        foreach (var school in schools)
        {
            audited.Append(school);
        }

        return audited;
    }

    /// <summary>A server holding <c>school</c> as the generator writes it with <paramref name="entries"/> entries, loaded.</summary>
    public static async Task<AuditedServer> LoadedAsync(PostgresCluster cluster, int entries)
    {
        var audited = new AuditedServer(await LiveServer.StartAsync(cluster));
        var rsf = Path.Combine(audited.Server.Folder.Path, "generated.rsf");
        Generator.SchoolRegister.Write(rsf, entries);
        var loaded = audited.Server.Run(null, "load", "-r", "school", rsf);
        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        audited.PinLogKey();
        return audited;
    }

    private void PinLogKey()
    {
        using var key = SignerKey.Parse(File.ReadAllText(Path.Combine(Server.DataDirectory, "log-key")).Trim());
        LogKeyFile = Server.Folder.File("log-key.pub", key.VerifierKey + "\n");
    }

    /// <summary>Appends one school (its own write, so its own checkpoint).</summary>
    public void Append(string school)
    {
        var appended = Server.Run(null, "append", "-r", "school", school, $"name=School {school}");
        Assert.True(appended.ExitCode == 0, appended.ToString());
    }

    /// <summary>Runs a verifying command against the server with the pinned key.</summary>
    public CliRun Verify(params string[] args) => Server.Run(null, [.. args, "-r", "school", "--key-file", LogKeyFile]);

    /// <summary>Runs a verifying command against <paramref name="server"/> (the server through a proxy, say) with the pinned key.</summary>
    public CliRun VerifyAt(string server, params string[] args) => Server.RunAt(server, null, [.. args, "-r", "school", "--key-file", LogKeyFile]);

    /// <summary>Makes a custodian key named <c>custodian.example/&lt;name&gt;</c> and has the admin allow it: a system entry.</summary>
    public void AllowCustodianKey(string name)
    {
        var key = Path.Combine(Server.Folder.Path, name + ".key");
        var keygen = RegistersCli.Run(RegistersCli.Sockets(Server.Folder.Path), "keygen", $"custodian.example/{name}", "--out", key);
        var allowed = Server.Run(null, "custodian-key", "allow", "-r", "school", VerifierKey.Parse(keygen.Out.Trim()).ToString());
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
    }

    /// <summary>Runs a verifying command with the pinned key, writing a progress line at every report instead of every few seconds.</summary>
    public CliRun VerifyShowingProgress(params string[] args) =>
        RegistersCli.Run(RegistersCli.Sockets(Server.Folder.Path), TimeSpan.Zero, [.. args, "-r", "school", "--key-file", LogKeyFile, "--server", Server.Address, "--key", Server.AdminKeyFile]);

    /// <summary>Runs a verifying command through <paramref name="between"/>, a proxy in front of the server.</summary>
    public CliRun VerifyThrough(DelegatingHandler between, params string[] args) => VerifyThrough(between, null, args);

    /// <summary>Runs a verifying command through <paramref name="between"/>, each request given <paramref name="requestTimeout"/> (the command's own when null).</summary>
    public CliRun VerifyThrough(DelegatingHandler between, TimeSpan? requestTimeout, params string[] args)
    {
        var sockets = RegistersCli.Sockets(Server.Folder.Path);
        var environment = sockets with
        {
            HttpHandler = () =>
            {
                between.InnerHandler = new SocketsHttpHandler();
                return between;
            },
            RequestTimeout = requestTimeout ?? sockets.RequestTimeout,
        };
        return RegistersCli.Run(environment, [.. args, "-r", "school", "--key-file", LogKeyFile, "--server", Server.Address, "--key", Server.AdminKeyFile]);
    }

    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Overwrites the stored leaf hash of entry 2: the log's history is rewritten behind the server.</summary>
    public Task RewriteSecondLeafAsync(int log = 0) => ExecuteSqlAsync(
        $"UPDATE registers.tiles SET hashes = overlay(hashes PLACING decode(repeat('cd', 32), 'hex') FROM 33 FOR 32) WHERE register = 'school' AND log = {log} AND level = 0 AND index = 0");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
