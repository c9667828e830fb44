using System.Text.Json;
using System.Text.Json.Nodes;
using Registers.Client.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Writes;

/// <summary>
/// The client reads the limits a server holds write bodies to, and a server that does not publish them (one from before
/// they were published answers 404 at their path) gives null: not a refusal, nor a sign of a wrong address.
/// </summary>
public sealed class WriteLimitsTests(PostgresCluster cluster)
{
    private const string Path = "/.well-known/registers/write-limits";

    [Fact]
    public async Task The_limits_are_those_the_server_publishes()
    {
        await using var live = await LiveRegister.StartAsync(cluster);

        var limits = await live.Reader().GetWriteLimitsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Registers.Client.Writes.WriteLimits(16L * 1024 * 1024, 4L * 1024 * 1024 * 1024, 10_000, ConcurrentLoadsPerKey: 2, ConcurrentBodyBytesPerKey: 64L * 1024 * 1024), limits);
    }

    [Fact]
    public async Task Every_limit_the_server_publishes_is_read()
    {
        // A guard against a limit the server publishes and the client drops: the limits read, written back, are those sent.
        await using var live = await LiveRegister.StartAsync(cluster);
        using var http = new HttpClient { BaseAddress = live.Address };

        var published = JsonNode.Parse(await http.GetStringAsync(Path, TestContext.Current.CancellationToken));
        var read = JsonSerializer.SerializeToNode(await live.Reader().GetWriteLimitsAsync(TestContext.Current.CancellationToken), RegistersClient.JsonOptions);

        Assert.True(JsonNode.DeepEquals(published, read), $"The server published {published?.ToJsonString()}; the client read {read?.ToJsonString()}.");
    }

    [Fact]
    public async Task A_server_that_does_not_publish_its_concurrent_loads_per_key_has_none_and_its_other_limits()
    {
        await using var live = await LiveRegister.StartAsync(cluster);
        await using var older = await AnsweringLimitsAsync(live, """{"max-body-bytes":1024,"max-rsf-bytes":2048,"max-entries-per-write":10}""");

        var limits = await LiveRegister.ReaderAt(older.Address).GetWriteLimitsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Registers.Client.Writes.WriteLimits(1024, 2048, 10, ConcurrentLoadsPerKey: null), limits);
    }

    [Fact]
    public async Task Concurrent_loads_per_key_that_are_not_positive_are_not_taken()
    {
        await using var live = await LiveRegister.StartAsync(cluster);
        await using var proxy = await AnsweringLimitsAsync(live, """{"max-body-bytes":1024,"max-rsf-bytes":2048,"max-entries-per-write":10,"concurrent-loads-per-key":0}""");

        await Assert.ThrowsAsync<JsonException>(() => LiveRegister.ReaderAt(proxy.Address).GetWriteLimitsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_body_bytes_per_key_that_are_not_positive_are_not_taken()
    {
        await using var live = await LiveRegister.StartAsync(cluster);
        await using var proxy = await AnsweringLimitsAsync(live, """{"max-body-bytes":1024,"max-rsf-bytes":2048,"max-entries-per-write":10,"concurrent-body-bytes-per-key":0}""");

        await Assert.ThrowsAsync<JsonException>(() => LiveRegister.ReaderAt(proxy.Address).GetWriteLimitsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_server_answering_404_at_their_path_has_none_and_is_still_read_as_a_register_server()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"));
        await using var older = await PathPrefixProxy.StartAsync(live.Address, "", forwardsPrefix: false, Path);
        var client = LiveRegister.ReaderAt(older.Published);

        var limits = await client.GetWriteLimitsAsync(TestContext.Current.CancellationToken);
        var status = await client.GetStatusAsync(LiveRegister.Name, TestContext.Current.CancellationToken);

        Assert.Null(limits);
        Assert.Equal(1, status?.User.Size);
    }

    /// <summary>A proxy in front of <paramref name="live"/> that answers the limits' path with <paramref name="limits"/>, in the server's place.</summary>
    private static async Task<MisbehavingProxy> AnsweringLimitsAsync(LiveRegister live, string limits)
    {
        var proxy = await MisbehavingProxy.StartAsync(live.Address);
        proxy.Misbehave = target => target == Path ? new Refusal(200, limits, "application/json") : null;
        return proxy;
    }
}
