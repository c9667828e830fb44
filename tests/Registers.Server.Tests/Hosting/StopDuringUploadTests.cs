using System.Text;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// A server told to stop (SIGTERM, as <c>docker stop</c> sends it) while a client is still sending a load ends within
/// seconds, before a container runtime's grace runs out and it is killed, and the load is as if never sent.
/// </summary>
public sealed class StopDuringUploadTests(PostgresCluster cluster)
{
    /// <summary>Docker's default stop grace: a server still running after it is killed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SIGTERM_while_a_load_is_still_arriving_ends_the_server_within_the_stop_grace_and_the_register_is_as_before()
    {
        var folder = ServerExit.NewDataDirectory();
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            // Some 4 MB sent at 40 KB/s: still arriving long after the stop, whatever the server does.
            var body = Encoding.UTF8.GetBytes(RsfBuilder.LargeItems(2000, 2000).ToString());
            string before;
            TimeSpan? took;
            HttpResponseMessage? answer = null;
            using (var server = await ServerProcess.StartAsync(database, folder))
            {
                using var client = server.NewClient(folder);
                await ThingRegister.CreateAsync(client);
                before = await ThingRegister.HeadAsync(client);

                using var upload = new TrickledContent(body, 4096, TimeSpan.FromMilliseconds(100), "application/uk-gov-rsf");
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                var loading = client.PostAsync("/registers/thing/rsf", upload, patience.Token);
                await upload.Started.WaitAsync(TimeSpan.FromSeconds(10));
                await Task.Delay(TimeSpan.FromSeconds(1)); // the server is receiving it

                took = await server.TerminateAsync(TimeSpan.FromSeconds(60));
                try
                {
                    answer = await loading.WaitAsync(TimeSpan.FromSeconds(30));
                }
                catch (HttpRequestException)
                {
                    // The connection closed under the load: nothing to read, and nothing written either (checked below).
                }

                Assert.True(took < StopGrace, $"the server took {took?.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "over 60"} s to stop:\n{server.Output}");
                Assert.Contains("answered 503: the server is stopping", server.Output, StringComparison.Ordinal);
            }

            // .NET's client does not read an answer before it has sent the whole body; one that does gets the reason.
            if (answer is not null)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
                Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(answer.Headers.RetryAfter);
            }

            using var restarted = await ServerProcess.StartAsync(database, folder);
            using var again = restarted.NewClient(folder);
            Assert.Equal(before, await ThingRegister.HeadAsync(again));
            await restarted.TerminateAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
