using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Registers.Generator;
using Registers.Protocol.Hashing;
using Registers.Protocol.Merkle;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

public sealed class CrashDuringLoadTests(PostgresCluster cluster)
{
    private const int Entries = 200_000;

    [Fact]
    public async Task Killing_the_server_mid_load_leaves_all_or_none_of_the_load_and_an_intact_log()
    {
        var folder = Directory.CreateTempSubdirectory("registers-crash-").FullName;
        var rsf = Path.Combine(folder, "school.rsf");
        SchoolRegister.Write(rsf, Entries);
        var connectionString = await cluster.CreateDatabaseAsync();
        try
        {
            using (var server = await ServerProcess.StartAsync(connectionString, Path.Combine(folder, "data")))
            {
                using var client = server.NewClient(Path.Combine(folder, "data"));
                var load = client.PostAsync("/registers/school/rsf", Rsf(rsf));
                await LoadWriters.WaitUntilWritingAsync(connectionString);
                await Task.Delay(500); // well into the load, not at its first statement
                server.Kill();
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => load);
            }

            using (var restarted = await ServerProcess.StartAsync(connectionString, Path.Combine(folder, "data")))
            {
                using var client = restarted.NewClient(Path.Combine(folder, "data"));
                var size = await UserSizeAsync(client);
                Assert.True(size is null or Entries, $"after the crash the register holds {size} entries: neither none nor all");
                await AssertLogIntactAsync(connectionString, client);

                if (size is null)
                {
                    var reload = await client.PostAsync("/registers/school/rsf", Rsf(rsf));
                    Assert.True(reload.IsSuccessStatusCode, await reload.Content.ReadAsStringAsync());
                }

                Assert.Equal(Entries, await UserSizeAsync(client));
                await AssertLogIntactAsync(connectionString, client);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static StreamContent Rsf(string path)
    {
        var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
        return content;
    }

    private static async Task<long?> UserSizeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/registers/school/proof/register/merkle:sha-256");
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total-entries").GetInt64();
    }

    /// <summary>Whatever is stored is dense, chained without a break, and has the root the latest checkpoint signs.</summary>
    private static async Task AssertLogIntactAsync(string connectionString, HttpClient client)
    {
        var log = await StoredLog.ReadAsync(connectionString, "school");
        Assert.Equal(Enumerable.Range(1, log.Numbers.Length).Select(n => (long)n), log.Numbers);
        Assert.Null(ChainHash.FindFirstBreak(ChainHash.Genesis, log.Leaves, log.Chains));
        if (log.Numbers.Length > 0)
        {
            var tree = new CompactRange();
            tree.AppendRange(log.Leaves);
            var proof = await client.GetFromJsonAsync<JsonElement>("/registers/school/proof/register/merkle:sha-256");
            Assert.Equal(tree.Root().ToString(), proof.GetProperty("root-hash").GetString());
        }
    }
}
