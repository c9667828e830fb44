using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registers.Server.Tests.Support;
using Registers.Server.Writes;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A load that has met its first problem will be refused whatever follows: it lets go of the register's lock then,
/// not after reading the rest of its body (still read, to list every bad line), so other writes need not wait for it.
/// </summary>
public sealed class RefusedLoadLockTests(PostgresCluster cluster)
{
    public static TheoryData<string, string, long> FirstProblems => new()
    {
        // A line that is not RSF, found while the body is cut into chunks.
        { "append-entry\tuser\tK1\tnot-a-time\tsha-256:00\n", "rsf-syntax", 1 },
        // An item without the key field, refused on line 2 (its entry), found when its chunk is decided; the assertion ends the chunk.
        { new RsfBuilder().User("K1", "2024-01-01T00:00:00Z", "{\"name\":\"no thing\"}") + $"assert-root-hash\tsha-256:{new string('0', 64)}\n", "missing-key-field", 2 },
    };

    [Theory]
    [MemberData(nameof(FirstProblems))]
    public async Task Other_writes_go_ahead_while_a_refused_load_reads_the_rest_of_its_body(string firstLines, string rule, long line)
    {
        // A write waits for the register's lock as long as a statement may take: two seconds here, then it is told the register is busy.
        var database = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync()) { CommandTimeout = 2 }.ConnectionString;
        await using var server = await RunningServer.StartAsync(cluster, database: database);
        await GrowingRegister.CreateAsync(server, "thing");
        var writer = server.Services.GetRequiredService<RegisterWriter>();
        var body = new Pipe();
        await body.Writer.WriteAsync(Encoding.UTF8.GetBytes(firstLines));

        // The rest of the body has not come yet: the load holds on to it.
        var loading = writer.LoadRsfAsync("thing", body.Reader, new WriteRequest([], [], ByAdmin: true), CancellationToken.None);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(loading.IsCompleted, "the load should still be reading its body");

            var append = await server.Client.PostAsJsonAsync("/registers/thing/entries", new
            {
                entries = new[] { new { key = "other", item = new Dictionary<string, string> { ["thing"] = "other", ["name"] = "meanwhile" } } },
            });

            Assert.Equal(HttpStatusCode.OK, append.StatusCode);
            Assert.False(loading.IsCompleted, "the load should still be reading its body");
        }
        finally
        {
            await body.Writer.WriteAsync(Encoding.UTF8.GetBytes(SlowLoadTests.Rsf(3)));
            await body.Writer.CompleteAsync();
        }

        var refused = Assert.IsType<WriteOutcome.Refused>(await loading);
        Assert.Equal(rule, refused.Problems[0].Rule);
        Assert.Equal(line, refused.Problems[0].Line);
        var head = await server.Client.GetFromJsonAsync<JsonElement>("/registers/thing/register");
        Assert.Equal(1, head.GetProperty("total-entries").GetInt64()); // the other write alone
    }
}
