using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A write queued behind a long one may wait for the register's lock longer than its client waits for the answer: a write
/// whose client has gone by the time the lock is had is dropped, not committed unanswered, and the writes beside it are not.
/// </summary>
public sealed class AbandonedQueuedWriteTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_write_whose_client_gave_up_while_it_waited_for_the_lock_is_not_committed_and_the_write_behind_it_is()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        await GrowingRegister.CreateAsync(server, "thing");
        var logs = CapturedLogs.Of(server);
        Task<HttpResponseMessage> waiting;
        await using (await HeldRegisterLock.TakeAsync(server.ConnectionString, "thing"))
        {
            using var giveUp = new CancellationTokenSource();
            var abandoned = AppendAsync(server.Client, "gone", "abandoned-1", giveUp.Token);
            await Task.Delay(500, TestContext.Current.CancellationToken); // waiting for the lock
            waiting = AppendAsync(server.Client, "kept", "kept-1", TestContext.Current.CancellationToken);
            await Task.Delay(500, TestContext.Current.CancellationToken); // queued behind it

            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            await Task.Delay(1000, TestContext.Current.CancellationToken); // the server has seen the connection close
        }

        using var kept = await waiting;
        Assert.True(kept.StatusCode == HttpStatusCode.OK, await kept.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, (await kept.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("user").GetProperty("first-entry").GetInt64());
        Assert.Equal(1, await UserSizeAsync(server));
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= Microsoft.Extensions.Logging.LogLevel.Error); // the client's choice, not a failure

        // Sent again under its idempotency key, the write given up is a first write, not the answer to one committed unseen.
        using var retried = await AppendAsync(server.Client, "gone", "abandoned-1", TestContext.Current.CancellationToken);
        Assert.True(retried.StatusCode == HttpStatusCode.OK, await retried.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, (await retried.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("user").GetProperty("first-entry").GetInt64());
        Assert.Equal(2, await UserSizeAsync(server));
    }

    private static Task<HttpResponseMessage> AppendAsync(HttpClient client, string key, string idempotencyKey, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/thing/entries")
        {
            Content = JsonContent.Create(new { entries = new[] { new { key, item = new Dictionary<string, string> { ["thing"] = key, ["name"] = key } } } }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request, cancellation);
    }

    private static async Task<long> UserSizeAsync(RunningServer server) =>
        (await server.Client.GetFromJsonAsync<JsonElement>("/registers/thing/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
}
