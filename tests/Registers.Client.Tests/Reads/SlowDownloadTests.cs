using System.Diagnostics;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Reads;

/// <summary>
/// A server that trickles an answer (an RSF download, a page of entries), or sends its headers and then nothing, must not
/// hold a client for good: a body slower than <see cref="RegistersClientOptions.MinDownloadRate"/> ends with a
/// <see cref="SlowDownloadException"/>. The client's timeout is set to none here, so only the rate can end it; each test is
/// bounded, so that a client that never ends fails it instead of holding it.
/// </summary>
public sealed class SlowDownloadTests(PostgresCluster cluster)
{
    private static readonly DownloadRate Minimum = new(1024, TimeSpan.FromSeconds(1));
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private static readonly (string, string)[] Schools = [.. Enumerable.Range(100001, 8).Select(key => ($"{key}", $"School {key} of a name long enough to make its answers some bytes long"))];

    [Fact]
    public async Task An_rsf_download_trickled_slower_than_the_minimum_rate_ends_with_a_slow_download_exception()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);
        proxy.Misbehave = target => target.Contains("/download-rsf/", StringComparison.Ordinal) ? new Trickle(1, TimeSpan.FromMilliseconds(100)) : null;

        var failure = await Assert.ThrowsAsync<SlowDownloadException>(
            () => Client(proxy).DownloadRsfAsync(LiveRegister.Name, 0, Schools.Length, Stream.Null).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Equal(Minimum, failure.Minimum);
        Assert.InRange(failure.Received, 1, Minimum.Bytes - 1);
        Assert.Contains("slower than 1,024 bytes in 1 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/download-rsf/0/8", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_entries_trickled_slower_than_the_minimum_rate_ends_with_a_slow_download_exception()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);
        proxy.Misbehave = target => target.Contains("/entries?", StringComparison.Ordinal) ? new Trickle(1, TimeSpan.FromMilliseconds(100)) : null;

        await Assert.ThrowsAsync<SlowDownloadException>(
            () => Client(proxy).GetEntriesAsync(LiveRegister.Name).ToListAsync().AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_download_that_stops_coming_after_its_headers_ends_after_about_one_window()
    {
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);
        proxy.Misbehave = target => target.Contains("/download-rsf/", StringComparison.Ordinal) ? new Trickle(0, TimeSpan.FromMilliseconds(100)) : null;
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<SlowDownloadException>(
            () => Client(proxy).DownloadRsfAsync(LiveRegister.Name, 0, Schools.Length, Stream.Null).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Equal(0, failure.Received);
        Assert.InRange(clock.Elapsed, Minimum.Window * 0.9, Minimum.Window * 8);
    }

    [Fact]
    public async Task A_download_that_keeps_up_the_minimum_rate_is_read_whole_however_long_it_takes()
    {
        // A guard: a slow link that keeps up the rate must never be cut off.
        await using var live = await LiveRegister.StartAsync(cluster, Schools);
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);
        proxy.Misbehave = target => target.Contains("/download-rsf/", StringComparison.Ordinal) ? new Trickle(256, TimeSpan.FromMilliseconds(100)) : null;
        using var direct = new MemoryStream();
        using var trickled = new MemoryStream();
        await live.Reader().DownloadRsfAsync(LiveRegister.Name, 0, Schools.Length, direct);

        await Client(proxy).DownloadRsfAsync(LiveRegister.Name, 0, Schools.Length, trickled).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.True(direct.Length > 2 * Minimum.Bytes, $"the download is {direct.Length} bytes: too short to take more than a window");
        Assert.Equal(direct.ToArray(), trickled.ToArray());
        Assert.Single(proxy.Misbehaved);
    }

    private static RegistersClient Client(MisbehavingProxy proxy) =>
        new(new HttpClient { BaseAddress = new Uri(proxy.Address), Timeout = Timeout.InfiniteTimeSpan }, new RegistersClientOptions { MinDownloadRate = Minimum });
}
