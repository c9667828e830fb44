using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// A write whose body is still arriving when the server is told to stop (SIGTERM) is given up at once, not waited for:
/// a client reading its answer early is told 503 with Retry-After, the server stops well inside its shutdown timeout,
/// and nothing of the write is stored. RSF loads and JSON writes alike.
/// </summary>
public sealed class StopWhileWriteArrivesTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("rsf")]
    [InlineData("json")]
        public async Task SIGTERM_while_a_write_body_is_arriving_answers_503_with_Retry_After_stops_at_once_and_stores_nothing(string kind)
    {
        var folder = ServerExit.NewDataDirectory();
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            // Some 4 MB at 40 KB/s: still arriving long after the stop. The shutdown timeout is long, so a stop that waited for
            // the body would show.
            var (path, body, mediaType) = Write(kind);
            string before;
            using (var server = await ServerProcess.StartAsync(database, folder, "--shutdownTimeoutSeconds=30"))
            {
                using (var client = server.NewClient(folder))
                {
                    await ThingRegister.CreateAsync(client);
                    before = await ThingRegister.HeadAsync(client);
                }

                var adminKey = SignerKey.Parse(File.ReadAllText(Path.Combine(folder, "admin-key")).Trim());
                await using var upload = await EarlyAnswerUpload.StartAsync(server.Address, path, body, mediaType, adminKey, 4096, TimeSpan.FromMilliseconds(100));
                await Task.Delay(TimeSpan.FromSeconds(1)); // the server is receiving it
                var stopping = Stopwatch.StartNew();
                await server.SignalStopAsync();

                var answering = upload.AnswerAsync();
                Assert.True(await Task.WhenAny(answering, Task.Delay(TimeSpan.FromSeconds(20))) == answering, "no answer within 20 s of the stop:\n" + server.Output);
                var (status, headers, problem) = await answering;
                Assert.True(status == 503, $"{status}: {problem}\n{server.Output}");
                Assert.StartsWith("application/problem+json", headers["Content-Type"], StringComparison.Ordinal);
                Assert.True(int.TryParse(headers.GetValueOrDefault("Retry-After"), out _), "no Retry-After in seconds");
                Assert.Contains("stopping", JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.True(upload.Sent < body.Length, "the body was sent whole before the answer");
                Assert.True(await server.EndsWithinAsync(TimeSpan.FromSeconds(10)), "the server waited for the body:\n" + server.Output);
                Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"the server took {stopping.Elapsed.TotalSeconds:0.0} s to stop");
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

    /// <summary>2,000 entries of 2,000-byte notes for "thing", as RSF or as a JSON append.</summary>
    private static (string Path, byte[] Body, string MediaType) Write(string kind)
    {
        if (kind == "rsf")
        {
            return ("/registers/thing/rsf", Encoding.UTF8.GetBytes(RsfBuilder.LargeItems(2000, 2000).ToString()), "application/uk-gov-rsf");
        }

        var entries = Enumerable.Range(0, 2000).Select(i => new
        {
            key = $"k{i}",
            item = new Dictionary<string, string> { ["thing"] = $"k{i}", ["note"] = new string((char)('a' + (i % 26)), 2000) },
        });
        return ("/registers/thing/entries", JsonSerializer.SerializeToUtf8Bytes(new { entries }), "application/json");
    }
}
