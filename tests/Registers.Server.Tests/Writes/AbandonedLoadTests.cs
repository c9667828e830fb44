using Microsoft.Extensions.Logging;
using Registers.Generator;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A load whose client goes away (Ctrl-C on <c>registers load</c>) is cancelled and leaves nothing; that is the client's
/// choice, not a failure of the server's, and is not logged as an error.
/// </summary>
public sealed class AbandonedLoadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_load_its_client_abandons_leaves_nothing_and_logs_no_error()
    {
        var folder = Directory.CreateTempSubdirectory("registers-abandoned-").FullName;
        try
        {
            var rsf = Path.Combine(folder, "school.rsf");
            SchoolRegister.Write(rsf, 100_000);
            await using var server = await RunningServer.StartAsync(cluster);
            var logs = CapturedLogs.Of(server);
            using var abandon = new CancellationTokenSource();

            var load = server.Client.LoadFileAsync("school", rsf, cancellation: abandon.Token);
            await LoadWriters.WaitUntilWritingAsync(server.ConnectionString);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // well into its chunks' statements
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load);
            await LoadWriters.WaitUntilDoneAsync(server.ConnectionString);
            await Task.Delay(300); // past the last log line of its end

            Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/school/checkpoint")).StatusCode);
            Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
