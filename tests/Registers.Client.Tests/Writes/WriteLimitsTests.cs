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

        Assert.Equal(new Registers.Client.Writes.WriteLimits(16L * 1024 * 1024, 4L * 1024 * 1024 * 1024, 10_000), limits);
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
}
