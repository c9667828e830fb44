using System.Net;
using System.Net.Sockets;
using Npgsql;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>A start that cannot succeed ends at once with exit code 1 and one line naming the problem and the setting to change.</summary>
public sealed class FailedStartTests(PostgresCluster cluster)
{
    [Fact]
    public async Task An_address_already_in_use_is_named_with_the_option_that_chooses_another()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), $"--urls=http://127.0.0.1:{port}");

        AssertOneLineFailure(outcome, $"127.0.0.1:{port}", "already in use", "--urls");
    }

    [Fact]
    public async Task A_configured_database_that_does_not_exist_is_named_with_its_setting()
    {
        var missing = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync()) { Database = "no_such_database" }.ConnectionString;

        var outcome = await RunAsync(missing);

        AssertOneLineFailure(outcome, "ConnectionStrings:Registers", "no_such_database", "does not exist");
    }

    [Fact]
    public async Task A_configured_database_nothing_listens_for_is_named_with_its_setting()
    {
        var outcome = await RunAsync($"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=registers");

        AssertOneLineFailure(outcome, "ConnectionStrings:Registers", "127.0.0.1", "refused");
    }

    [Fact]
    public async Task A_connection_string_without_user_or_database_says_which_are_meant()
    {
        var outcome = await RunAsync($"Host=127.0.0.1;Port={ClosedPort()}");

        AssertOneLineFailure(outcome, "ConnectionStrings:Registers", "the default database", "as the default user");
        Assert.DoesNotContain("  ", outcome.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_database_whose_user_cannot_make_tables_there_is_named_with_its_setting_and_the_grant_it_needs()
    {
        var owned = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync());
        var role = $"no_create_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(owned.ConnectionString))
        {
            await connection.OpenAsync();
            await using var limit = new NpgsqlCommand($"CREATE ROLE {role} LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC", connection);
            await limit.ExecuteNonQueryAsync();
        }

        var outcome = await RunAsync(new NpgsqlConnectionStringBuilder(owned.ConnectionString) { Username = role }.ConnectionString);

        AssertOneLineFailure(outcome, "ConnectionStrings:Registers", $"database {owned.Database}", $"as {role}", "42501", $"GRANT CREATE ON DATABASE {owned.Database} TO {role}");
    }

    [Fact]
    public async Task A_connection_string_that_cannot_be_read_is_named_with_its_setting()
    {
        var outcome = await RunAsync("this is not a connection string");

        AssertOneLineFailure(outcome, "ConnectionStrings:Registers", "not a PostgreSQL connection string");
    }

    [Fact]
    public async Task A_key_file_that_is_a_folder_is_named_with_its_setting_and_leaves_nothing_beside_it()
    {
        var folder = ServerExit.NewDataDirectory();
        var keyFolder = Directory.CreateDirectory(Path.Combine(folder, "log-key")).FullName;
        try
        {
            var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), $"--Registers:DataDirectory={folder}");

            AssertOneLineFailure(outcome, "Registers:LogKeyFile", keyFolder, "is a folder");
            Assert.Equal(["log-key", "server.lock", "server.pid"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_folder_another_server_runs_on_is_refused_naming_that_server_and_is_free_once_it_stops()
    {
        var folder = ServerExit.NewDataDirectory();
        var onFolder = new Dictionary<string, string?> { ["Registers:DataDirectory"] = folder };
        try
        {
            ServerExit.Outcome refused;
            await using (await RunningServer.StartAsync(cluster, onFolder))
            {
                refused = await RunAsync(await cluster.CreateDatabaseAsync(), $"--Registers:DataDirectory={folder}");
            }

            await using var next = await RunningServer.StartAsync(cluster, onFolder);

            AssertOneLineFailure(refused, folder, "is in use by another Registers server", $"(process {Environment.ProcessId})", "Registers:DataDirectory");
            Assert.True((await next.Client.GetAsync("/registers")).IsSuccessStatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_folder_that_is_a_file_is_named_with_its_setting()
    {
        var file = ServerExit.NewDataDirectory();
        await File.WriteAllTextAsync(file, "");
        try
        {
            var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), $"--Registers:DataDirectory={file}");

            AssertOneLineFailure(outcome, file, "Registers:DataDirectory", "cannot be written");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_PostgreSQL_binaries_folder_without_them_is_named_with_its_variable()
    {
        var folder = Directory.CreateDirectory(ServerExit.NewDataDirectory()).FullName;
        var binaries = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        try
        {
            var outcome = await ServerExit.RunAsync(
                new Dictionary<string, string> { ["REGISTERS_PG_BIN"] = binaries },
                $"--Registers:DataDirectory={folder}",
                "--urls=http://127.0.0.1:0");

            AssertOneLineFailure(outcome, "REGISTERS_PG_BIN", binaries, "initdb");
            Assert.False(Directory.Exists(Path.Combine(folder, "postgres")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_key_file_holding_no_key_is_named_with_its_setting()
    {
        var folder = Directory.CreateDirectory(ServerExit.NewDataDirectory()).FullName;
        var keyFile = Path.Combine(folder, "admin.key");
        await File.WriteAllTextAsync(keyFile, "not a key\n");
        try
        {
            var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), $"--Registers:DataDirectory={folder}", $"--Registers:AdminKeyFile={keyFile}");

            AssertOneLineFailure(outcome, "Registers:AdminKeyFile", keyFile, "does not hold a signer key");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("PublicHost", "https://registers.example.org")]
    [InlineData("PublicHost", "registers example")]
    [InlineData("MaxBodyBytes", "-1")]
    [InlineData("MaxEntriesPerWrite", "0")]
    [InlineData("WritesPerMinute", "-5")]
    [InlineData("ConcurrentLoadsPerKey", "0")]
    [InlineData("ConcurrentBodyBytesPerKey", "0")]
    [InlineData("TileCacheBytes", "-1")]
    [InlineData("FilterItemsFirst", "-1")]
    [InlineData("AsOfEntriesFirst", "-1")]
    [InlineData("MaxRsfBytes", "many")]
    [InlineData("FutureTimestampTolerance", "-00:01:00")]
    [InlineData("FutureTimestampTolerance", "2.00:00:00")]
    [InlineData("FutureTimestampTolerance", "soon")]
    public async Task A_setting_the_server_cannot_use_is_named_at_start(string setting, string value)
    {
        var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), $"--Registers:{setting}={value}");

        AssertOneLineFailure(outcome, $"Registers:{setting}", value);
    }

    [Theory]
    [InlineData("Logging:LogLevel:Default", "Loud")]
    [InlineData("Logging:LogLevel:Registers.Server", "Warn")]
    [InlineData("Logging:Console:LogLevel:Default", "verbose")]
    public async Task A_log_level_the_logging_cannot_read_is_named_at_start(string setting, string value)
    {
        var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), $"--{setting}={value}");

        AssertOneLineFailure(outcome, $"{setting} is '{value}'", "Information, Warning");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("2.5")]
    [InlineData("99999999999")]
    public async Task A_stop_timeout_the_host_would_ignore_is_named_at_start(string value)
    {
        var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), $"--shutdownTimeoutSeconds={value}");

        AssertOneLineFailure(outcome, $"shutdownTimeoutSeconds is '{value}'", "DOTNET_SHUTDOWNTIMEOUTSECONDS", "whole number");
    }

    [Fact]
    public async Task Bytes_of_JSON_bodies_per_key_fewer_than_the_largest_body_are_named_at_start()
    {
        var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), "--Registers:MaxBodyBytes=1048576", "--Registers:ConcurrentBodyBytesPerKey=65536");

        AssertOneLineFailure(outcome, "Registers:ConcurrentBodyBytesPerKey is 65536", "Registers:MaxBodyBytes (1048576)");
    }

    [Theory]
    [InlineData("DataDirectory")]
    [InlineData("SeedDirectory")]
    [InlineData("LogKeyFile")]
    [InlineData("AdminKeyFile")]
    public async Task A_path_setting_given_empty_is_named_at_start(string setting)
    {
        var outcome = await RunAsync(await cluster.CreateDatabaseAsync(), $"--Registers:{setting}=");

        AssertOneLineFailure(outcome, $"Registers:{setting} is empty", "leave it out");
    }

    private static Task<ServerExit.Outcome> RunAsync(string connectionString, params string[] arguments) =>
        ServerExit.RunAsync([$"--ConnectionStrings:Registers={connectionString}", $"--Registers:DataDirectory={ServerExit.NewDataDirectory()}", "--urls=http://127.0.0.1:0", .. arguments]);

    /// <summary>Exit code 1, and standard error one line saying why, with no stack trace anywhere.</summary>
    internal static void AssertOneLineFailure(ServerExit.Outcome outcome, params string[] saying)
    {
        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("The Registers server could not start: ", line, StringComparison.Ordinal);
        foreach (var words in saying)
        {
            Assert.Contains(words, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", outcome.Output + outcome.Error, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
