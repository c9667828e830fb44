using Npgsql;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>A write that cannot get the register's lock in time is told another write holds it, not that the database is down.</summary>
public sealed class RegisterBusyTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Writes_that_wait_too_long_for_the_register_lock_answer_register_busy_and_succeed_once_it_is_free()
    {
        // The lock is waited for as long as a statement may take: two seconds here, so the test need not wait the default thirty.
        var database = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync()) { CommandTimeout = 2 }.ConnectionString;
        await using var server = await RunningServer.StartAsync(cluster, database: database);
        await GrowingRegister.CreateAsync(server, "thing");
        var append = new { entries = new[] { new { key = "a", item = new Dictionary<string, string> { ["thing"] = "a", ["name"] = "x" } } } };

        await using (await HeldRegisterLock.TakeAsync(server.ConnectionString, "thing"))
        {

            var appended = await server.Client.PostAsJsonAsync("/registers/thing/entries", append);
            var loaded = await server.Client.LoadAsync("thing", SlowLoadTests.Rsf(3));

            foreach (var response in new[] { appended, loaded })
            {
                var problem = await response.AssertProblemAsync(503, null);
                Assert.Equal("Register busy", problem.GetProperty("title").GetString());
                Assert.Contains("another write", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsJsonAsync("/registers/thing/entries", append)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.LoadAsync("thing", SlowLoadTests.Rsf(3))).StatusCode);
    }
}
