using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Reads;

/// <summary>
/// An error answer to an RSF download is read whole, as a problem: it is held to the bounds of every answer held whole
/// (<see cref="RegistersClientOptions.MaxAnswerBytes"/> and <see cref="RegistersClientOptions.MinDownloadRate"/>), so a
/// hostile server cannot hold the client, or fill its memory, with an endless or trickling error body. The client's timeout
/// is set to none here, so only the bounds can end it; each test is bounded, so that a client that never ends fails it.
/// </summary>
public sealed class DownloadErrorAnswerTests(PostgresCluster cluster)
{
    private static readonly DownloadRate Minimum = new(1024, TimeSpan.FromSeconds(1));
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_endless_error_answer_to_a_download_is_read_no_further_than_the_most_an_answer_may_be()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "School 100001"));
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);
        proxy.Misbehave = target => target.Contains("/download-rsf/", StringComparison.Ordinal) ? new EndlessRefusal(500, 64 * 1024, TimeSpan.FromMilliseconds(10)) : null;

        var failure = await Assert.ThrowsAsync<HttpRequestException>(
            () => Client(proxy).DownloadRsfAsync(LiveRegister.Name, 0, 1, Stream.Null).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Equal(HttpRequestError.ConfigurationLimitExceeded, failure.HttpRequestError);
        Assert.Contains("longer than 1,048,576 bytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_to_a_download_trickled_slower_than_the_minimum_rate_ends_with_a_slow_download_exception()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "School 100001"));
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);
        proxy.Misbehave = target => target.Contains("/download-rsf/", StringComparison.Ordinal) ? new EndlessRefusal(404, 1, TimeSpan.FromMilliseconds(100)) : null;

        var failure = await Assert.ThrowsAsync<SlowDownloadException>(
            () => Client(proxy).DownloadRsfAsync(LiveRegister.Name, 0, 1, Stream.Null).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.Contains("slower than 1,024 bytes in 1 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_answer_to_a_download_within_the_bounds_is_the_servers_problem()
    {
        // A guard: bounding the error answer must not lose it.
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "School 100001"));
        await using var proxy = await MisbehavingProxy.StartAsync(live.Address);

        var failure = await Assert.ThrowsAsync<RegistersException>(
            () => Client(proxy).DownloadRsfAsync(LiveRegister.Name, 0, 99, Stream.Null).WaitAsync(Bound, TestContext.Current.CancellationToken));

        Assert.True(failure.Problem.IsProblemDetails, failure.Message);
        Assert.InRange((int)failure.StatusCode, 400, 499);
    }

    private static RegistersClient Client(MisbehavingProxy proxy) =>
        new(new HttpClient { BaseAddress = new Uri(proxy.Address), Timeout = Timeout.InfiniteTimeSpan },
            new RegistersClientOptions { MinDownloadRate = Minimum, MaxAnswerBytes = 1024 * 1024 });
}
