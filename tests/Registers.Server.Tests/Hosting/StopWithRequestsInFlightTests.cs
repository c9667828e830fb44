using System.Diagnostics;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// A server told to stop (SIGTERM) lets the reads and writes it is answering finish within its shutdown timeout (5 s
/// unless <c>shutdownTimeoutSeconds</c> says otherwise), and cuts off what runs past it rather than holding the stop.
/// Each request is held in flight by a lock the test keeps on the entries table, which it needs.
/// </summary>
public sealed class StopWithRequestsInFlightTests(PostgresCluster cluster)
{
    private const string Entries = "registers.entries";

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    public async Task A_request_in_flight_at_SIGTERM_that_ends_within_the_shutdown_timeout_is_answered(string kind)
    {
        await WithServerAsync([], async (server, client, database) =>
        {
            HttpResponseMessage answer;
            await using (var held = await HeldTableLock.TakeAsync(database, Entries))
            {
                var request = SendAsync(client, kind);
                await held.WaitForWaitersAsync();
                await server.SignalStopAsync();
                await Task.Delay(TimeSpan.FromSeconds(2)); // well inside the default 5 s
                await held.DisposeAsync();
                answer = await request.WaitAsync(TimeSpan.FromSeconds(30));
            }

            Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{server.Output}");
            Assert.True(await server.EndsWithinAsync(TimeSpan.FromSeconds(10)), "the server did not stop once the request was answered:\n" + server.Output);
        });
    }

    [Fact]
    public async Task A_read_still_in_flight_when_the_shutdown_timeout_ends_is_cut_off_and_the_server_stops()
    {
        await WithServerAsync(["--shutdownTimeoutSeconds=2"], async (server, client, database) =>
        {
            await using var held = await HeldTableLock.TakeAsync(database, Entries);
            var read = client.GetAsync("/registers/thing/records/first");
            await held.WaitForWaitersAsync();
            var stopping = Stopwatch.StartNew();
            await server.SignalStopAsync();

            Assert.True(await server.EndsWithinAsync(TimeSpan.FromSeconds(15)), "the server waited on the read past its shutdown timeout:\n" + server.Output);
            Assert.True(stopping.Elapsed >= TimeSpan.FromSeconds(1.5), $"the server stopped after {stopping.Elapsed.TotalSeconds:0.0} s, without waiting for the read");
            var cut = await Record.ExceptionAsync(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(cut is HttpRequestException || (cut is null && !read.Result.IsSuccessStatusCode),
                $"the read was not cut off: {cut?.ToString() ?? read.Result.StatusCode.ToString()}");
        });
    }

    [Fact]
    public async Task shutdownTimeoutSeconds_gives_requests_in_flight_longer_than_the_default()
    {
        await WithServerAsync(["--shutdownTimeoutSeconds=20"], async (server, client, database) =>
        {
            HttpResponseMessage answer;
            await using (var held = await HeldTableLock.TakeAsync(database, Entries))
            {
                var read = client.GetAsync("/registers/thing/records/first");
                await held.WaitForWaitersAsync();
                await server.SignalStopAsync();
                await Task.Delay(TimeSpan.FromSeconds(8)); // past the default 5 s
                await held.DisposeAsync();
                answer = await read.WaitAsync(TimeSpan.FromSeconds(30));
            }

            Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{server.Output}");
            Assert.True(await server.EndsWithinAsync(TimeSpan.FromSeconds(10)), "the server did not stop once the read was answered:\n" + server.Output);
        });
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string kind) => kind == "read"
        ? client.GetAsync("/registers/thing/records/first")
        : client.PostAsJsonAsync("/registers/thing/entries", new
        {
            entries = new[] { new { key = "second", item = new Dictionary<string, string> { ["thing"] = "second", ["note"] = "sent as the server stops" } } },
        });

    /// <summary>A server process on a database of its own, with a register "thing" holding one record, "first".</summary>
    private async Task WithServerAsync(string[] settings, Func<ServerProcess, HttpClient, string, Task> test)
    {
        var folder = ServerExit.NewDataDirectory();
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            using var server = await ServerProcess.StartAsync(database, folder, settings);
            using var client = server.NewClient(folder);
            await ThingRegister.CreateAsync(client);
            await test(server, client, database);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
