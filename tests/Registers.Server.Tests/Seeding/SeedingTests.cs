using System.Text.Json;
using Npgsql;
using Registers.Generator.Tests.Support;
using Registers.Server.Storage;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Seeding;

public sealed class SeedingTests(PostgresCluster cluster)
{
    [Fact]
    public async Task The_first_start_loads_every_shipped_register_to_its_README_root_and_a_second_start_loads_nothing()
    {
        var seeding = Seeding(ShippedData.Directory);
        string database;
        await using (var first = await RunningServer.StartAsync(cluster, seeding))
        {
            database = first.ConnectionString;
            foreach (var name in ShippedData.Registers)
            {
                var register = await first.Client.GetFromJsonAsync<JsonElement>($"/registers/{name}/proof/register/merkle:sha-256");
                Assert.Equal(ShippedData.ReadmeRoot(name), register.GetProperty("root-hash").GetString());
                Assert.Equal(File.ReadLines(ShippedData.RsfOf(name)).Count(line => line.StartsWith("append-entry\tuser\t", StringComparison.Ordinal)), register.GetProperty("total-entries").GetInt64());
                Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync($"/registers/{name}/writes/registers-data-seed")).StatusCode);
            }
        }

        await using var second = await RunningServer.StartAsync(cluster, seeding, database);

        Assert.Equal(ShippedData.Registers.Select(name => (name, 1L)), await WritesPerRegisterAsync(database));
        var country = await second.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/register/merkle:sha-256");
        Assert.Equal(ShippedData.ReadmeRoot("country"), country.GetProperty("root-hash").GetString());
    }

    [Fact]
    public async Task A_register_that_fails_to_load_leaves_the_server_running_without_it_or_the_registers_that_link_to_it()
    {
        var directory = Directory.CreateTempSubdirectory("registers-seed-");
        try
        {
            Copy("country", directory.FullName);
            Copy("vehicle", directory.FullName);
            var address = Directory.CreateDirectory(Path.Combine(directory.FullName, "address"));
            var lines = File.ReadAllLines(ShippedData.RsfOf("address"));
            lines[^1] = "assert-root-hash\tsha-256:0000000000000000000000000000000000000000000000000000000000000000"; // a root the entries do not give
            await File.WriteAllLinesAsync(Path.Combine(address.FullName, "address.rsf"), lines);

            await using var server = await RunningServer.StartAsync(cluster, Seeding(directory.FullName));

            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/registers/country/checkpoint")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/address/checkpoint")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/vehicle/checkpoint")).StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_first_seeding_that_was_cut_short_is_finished_by_the_next_start()
    {
        var directory = Directory.CreateTempSubdirectory("registers-seed-");
        try
        {
            Copy("country", directory.FullName); // as far as the first start got before it was stopped
            string database;
            await using (var first = await RunningServer.StartAsync(cluster, Seeding(directory.FullName)))
            {
                database = first.ConnectionString;
            }

            Copy("address", directory.FullName);
            Copy("vehicle", directory.FullName);
            await using var second = await RunningServer.StartAsync(cluster, Seeding(directory.FullName), database);

            Assert.Equal(new[] { ("address", 1L), ("country", 1L), ("vehicle", 1L) }, await WritesPerRegisterAsync(database));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_seeding_that_ran_to_its_end_with_a_failure_is_not_tried_again_by_the_next_start()
    {
        var directory = Directory.CreateTempSubdirectory("registers-seed-");
        var data = Directory.CreateTempSubdirectory("registers-data-");
        try
        {
            Copy("country", directory.FullName);
            Directory.CreateDirectory(Path.Combine(directory.FullName, "address"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "address", "address.rsf"), "not RSF\n");
            var settings = new Dictionary<string, string?>(Seeding(directory.FullName)) { ["Registers:DataDirectory"] = data.FullName };
            string database;
            await using (var first = await RunningServer.StartAsync(cluster, settings))
            {
                database = first.ConnectionString;
                Assert.Equal(HttpStatusCode.NotFound, (await first.Client.GetAsync("/registers/address/checkpoint")).StatusCode);
            }

            File.Delete(Path.Combine(directory.FullName, "address", "address.rsf"));
            Copy("address", directory.FullName); // mended; the admin loads it now, the seeding is over
            await using var second = await RunningServer.StartAsync(cluster, settings, database);

            Assert.Equal(new[] { ("country", 1L) }, await WritesPerRegisterAsync(database));
        }
        finally
        {
            directory.Delete(recursive: true);
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_database_holding_a_register_the_seed_did_not_make_is_never_seeded()
    {
        string database;
        await using (var first = await RunningServer.StartAsync(cluster))
        {
            database = first.ConnectionString;
            await GrowingRegister.CreateAsync(first, "thing");
        }

        await using var second = await RunningServer.StartAsync(cluster, Seeding(ShippedData.Directory), database);

        Assert.Equal(HttpStatusCode.NotFound, (await second.Client.GetAsync("/registers/country/checkpoint")).StatusCode);
    }

    private static Dictionary<string, string?> Seeding(string directory) => new()
    {
        ["Registers:SeedOnFirstStart"] = "true",
        ["Registers:SeedDirectory"] = directory,
    };

    private static void Copy(string register, string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, register));
        File.Copy(ShippedData.RsfOf(register), Path.Combine(directory, register, register + ".rsf"));
    }

    private static async Task<List<(string Register, long Writes)>> WritesPerRegisterAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT register, count(*) FROM {StorageSchema.Name}.writes GROUP BY register ORDER BY register COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var writes = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            writes.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return writes;
    }
}
