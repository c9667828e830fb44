using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Reads;

/// <summary>
/// A server published below a path by a reverse proxy (<c>https://example.org/registers-api/</c>): the client's requests
/// go below its base address's path, written with or without a trailing slash, never from the host's root.
/// </summary>
public sealed class PublishedBelowAPathTests(PostgresCluster cluster)
{
    private const string Prefix = "/registers-api";

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task Reads_and_verified_reads_go_below_the_path_of_the_base_address(string trailing)
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"), ("100002", "York School"));
        await using var proxy = await PathPrefixProxy.StartAsync(live.Address, Prefix, forwardsPrefix: false);
        var client = LiveRegister.ReaderAt(proxy.Published + trailing);

        var status = await client.GetStatusAsync(LiveRegister.Name, TestContext.Current.CancellationToken);
        var entries = await client.GetEntriesAsync(LiveRegister.Name, cancellationToken: TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken);
        var record = await new VerifyingClient(client, live.Trust()).GetVerifiedRecordAsync(LiveRegister.Name, "100002", TestContext.Current.CancellationToken);

        Assert.Equal(2, status?.User.Size);
        Assert.Equal(2, entries);
        Assert.Equal("York School", record?.Field("name"));
        Assert.Equal(2, record?.Checkpoint.Size);
    }
}
