using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registers.Server.Database;

namespace Registers.Server.Tests.Database;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Starts_a_private_cluster_that_answers_and_stops_on_dispose()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registers-pg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string connectionString;
            await using (var cluster = await EmbeddedPostgres.StartAsync(Path.Combine(folder, "data"), stopOnDispose: true, durable: false, NullLogger.Instance))
            {
                connectionString = cluster.ConnectionString();
                await cluster.EnsureDatabaseAsync("registers");
                await cluster.EnsureDatabaseAsync("registers"); // a second call finds it and does nothing
                Assert.Equal(1L, await ScalarAsync(cluster.ConnectionString("registers"), "SELECT 1::bigint"));
                Assert.StartsWith(Path.GetFullPath(folder), await ScalarAsync(connectionString, "SHOW data_directory") as string, StringComparison.Ordinal);
            }

            await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(connectionString, "SELECT 1"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Only_the_clusters_owner_can_reach_its_socket_which_trusts_whoever_connects()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix sockets and file modes");
            return;
        }

        var folder = Path.Combine(Path.GetTempPath(), "registers-pg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var cluster = await EmbeddedPostgres.StartAsync(Path.Combine(folder, "data"), stopOnDispose: true, durable: false, NullLogger.Instance);
            var others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(cluster.SocketDirectory) & others);
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(Path.Combine(cluster.SocketDirectory, ".s.PGSQL.5432")) & others);
            if (Environment.UserName == "root" && PostgresBinaries.Find() is { } binaries)
            {
                // Another local account, as any user of the machine could try it: refused by the folder, not let in as postgres.
                var psql = await ProcessRunner.RunAsync(Path.Combine(binaries, "psql"), ["-h", cluster.SocketDirectory, "-U", "postgres", "-c", "SELECT 1"], "nobody", TestContext.Current.CancellationToken);
                Assert.NotEqual(0, psql.ExitCode);
                Assert.Contains("Permission denied", psql.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_cluster_left_running_is_picked_up_again_rather_than_started_twice()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registers-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(folder, "data");
        try
        {
            // As after a crash of the server: the cluster outlives the process that started it.
            await EmbeddedPostgres.StartAsync(data, stopOnDispose: false, durable: false, NullLogger.Instance);
            var postmaster = File.ReadLines(Path.Combine(data, "postmaster.pid")).First();

            await using var again = await EmbeddedPostgres.StartAsync(data, stopOnDispose: true, durable: false, NullLogger.Instance);

            Assert.Equal(postmaster, File.ReadLines(Path.Combine(data, "postmaster.pid")).First());
            Assert.Equal(1L, await ScalarAsync(again.ConnectionString(), "SELECT 1::bigint"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_new_cluster_is_made_beside_its_folder_and_moved_into_place_and_an_empty_folder_made_beforehand_is_filled_in_place()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registers-pg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // What a first start cut short (killed with its initdb) leaves: a cluster half made beside the data folder.
            var unfinished = Directory.CreateDirectory(Path.Combine(folder, "made.new-1")).FullName;
            await File.WriteAllTextAsync(Path.Combine(unfinished, "PG_VERSION"), "15\n");

            await using (var made = await EmbeddedPostgres.StartAsync(Path.Combine(folder, "made"), stopOnDispose: true, durable: false, NullLogger.Instance))
            {
                Assert.Equal(1L, await ScalarAsync(made.ConnectionString(), "SELECT 1::bigint"));
            }

            Assert.Equal(["made", "socket"], Directory.EnumerateDirectories(folder).Select(Path.GetFileName).Order());
            Assert.True(File.Exists(Path.Combine(folder, "made", "PG_VERSION")));

            // A folder that exists already (a mount point, say) cannot be replaced by a rename: the cluster is made in it.
            var premade = Directory.CreateDirectory(Path.Combine(folder, "elsewhere", "premade")).FullName;
            await using (var filled = await EmbeddedPostgres.StartAsync(premade, stopOnDispose: true, durable: false, NullLogger.Instance))
            {
                Assert.Equal(1L, await ScalarAsync(filled.ConnectionString(), "SELECT 1::bigint"));
            }

            Assert.True(File.Exists(Path.Combine(premade, "PG_VERSION")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
