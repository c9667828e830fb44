using System.Text;
using Npgsql;
using Registers.Client.Signing;
using Registers.Client.Verification;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Items;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Support;

/// <summary>
/// The real server as its own process on a fresh database of the private PostgreSQL, holding a register <c>school</c>;
/// a test reads it through <see cref="Reader"/>, appends as the admin, and tampers with the database behind it in SQL.
/// </summary>
internal sealed class LiveRegister : IAsyncDisposable
{
    public const string Name = "school";

    private const string Definition = """
        {"name":"school","title":"School","fields":[
          {"field":"school","datatype":"string","cardinality":"1"},
          {"field":"name","datatype":"string","cardinality":"1"}]}
        """;

    private readonly string _connectionString;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("registers-client-test-");
    private ServerProcess _server;

    private LiveRegister(string connectionString, ServerProcess server)
    {
        _connectionString = connectionString;
        _server = server;
    }

    public string DataDirectory => Path.Combine(_folder.FullName, "data");

    /// <summary>A folder of the test's own, deleted at the end.</summary>
    public string Folder => _folder.FullName;

    public Uri Address => _server.Address;

    /// <summary>The log key the server signs with now, as a client would pin it.</summary>
    public CheckpointTrust Trust()
    {
        using var key = SignerKey.Parse(File.ReadAllText(Path.Combine(DataDirectory, "log-key")).Trim());
        return new CheckpointTrust(key.VerifierKey);
    }

    /// <summary>Starts a server and creates <c>school</c> with one write of <paramref name="schools"/> (key, name).</summary>
    public static async Task<LiveRegister> StartAsync(PostgresCluster cluster, params (string Key, string Name)[] schools)
    {
        var connectionString = await cluster.CreateDatabaseAsync();
        var live = new LiveRegister(connectionString, null!);
        live._server = await ServerProcess.StartAsync(connectionString, live.DataDirectory);
        using var admin = live.AdminClient();
        await new RegistersClient(admin).CreateRegisterAsync(Encoding.UTF8.GetBytes(Definition));
        if (schools.Length > 0)
        {
            await live.AppendAsync(schools);
        }

        return live;
    }

    /// <summary>Appends the schools as one write (so one checkpoint at its end).</summary>
    public Task AppendAsync(params (string Key, string Name)[] schools) => AppendAsync(new WriteOptions(), schools);

    /// <summary>Appends the schools as one write with <paramref name="options"/>; returns its receipt.</summary>
    public async Task<WriteReceipt> AppendAsync(WriteOptions options, params (string Key, string Name)[] schools)
    {
        using var admin = AdminClient();
        return await new RegistersClient(admin).AppendAsync(Name, [.. schools.Select(school => new NewEntry(school.Key, Item.FromJson(Encoding.UTF8.GetBytes(
            $$"""{"school":"{{school.Key}}","name":"{{school.Name}}"}"""))))], options);
    }

    /// <summary>A reading client; <paramref name="between"/>, when given, stands between it and the server (a tampering proxy).</summary>
    public RegistersClient Reader(DelegatingHandler? between = null)
    {
        HttpMessageHandler handler = new SocketsHttpHandler();
        if (between is not null)
        {
            between.InnerHandler = handler;
            handler = between;
        }

        return new RegistersClient(new HttpClient(handler) { BaseAddress = Address });
    }

    /// <summary>A reading client whose base address is <paramref name="address"/> (the server through a proxy, say).</summary>
    public static RegistersClient ReaderAt(string address) => new(new HttpClient { BaseAddress = new Uri(address) });

    /// <summary>Allows <paramref name="key"/> to write <c>school</c> and returns a client that signs with it, at <paramref name="address"/> (the server's when null).</summary>
    public async Task<RegistersClient> CustodianAsync(SignerKey key, string? address = null)
    {
        using var admin = AdminClient();
        await new RegistersClient(admin).AddCustodianKeyAsync(Name, key.VerifierKey);
        return new RegistersClient(new HttpClient(new RequestSigningHandler(key) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = address is null ? Address : new Uri(address),
        });
    }

    /// <summary>A client that signs with the admin key, on <paramref name="http"/> (made by <see cref="AdminClient"/>, the caller's to dispose of).</summary>
    public RegistersClient Admin(out HttpClient http) => new(http = AdminClient());

    /// <summary>Runs SQL against the server's database, as someone with access to it could.</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Replaces the server's log key: it is restarted with a fresh one, which signs every checkpoint from now on.</summary>
    public async Task ReplaceLogKeyAsync()
    {
        _server.Dispose();
        File.Delete(Path.Combine(DataDirectory, "log-key"));
        _server = await ServerProcess.StartAsync(_connectionString, DataDirectory, "--Registers:AcceptNewLogKey=true");
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        _folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private HttpClient AdminClient() => _server.NewClient(DataDirectory);
}
