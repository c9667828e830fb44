using System.Net;
using System.Text;
using Registers.Client.Tests.Support;
using Registers.Client.Writes;
using Registers.Protocol.Items;

namespace Registers.Client.Tests.Writes;

/// <summary>
/// A retry waits as long as the server's <c>Retry-After</c> asks, up to <see cref="RegistersClientOptions.MaxRetryDelay"/>:
/// a retry sent sooner than a rate limit's window allows only meets another 429. Each test stops at the first notice, so
/// that nothing waits the minute it is told to (the fake server checks no signature: the writes go unsigned).
/// </summary>
public sealed class RetryAfterTests
{
    private readonly FakeServer _server = new();
    private readonly List<RetryNotice> _notices = [];
    private readonly CancellationTokenSource _stopAtFirstNotice = new();

    [Theory]
    [InlineData(60, 60)] // the server's rate limit: a window of a minute
    [InlineData(3600, 120)] // beyond the default most
    public async Task A_write_answered_429_waits_what_Retry_After_asks_up_to_the_most_the_options_allow(int retryAfterSeconds, int waitSeconds)
    {
        _server.Answer = (_, _) => Busy(answer => answer.Headers.RetryAfter = new(TimeSpan.FromSeconds(retryAfterSeconds)));
        var entry = new NewEntry("GB", Item.FromJson(Encoding.UTF8.GetBytes("""{"country":"GB"}""")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client(new()).AppendAsync("country", [entry], new WriteOptions { IdempotencyKey = "k1" }, _stopAtFirstNotice.Token));

        Assert.Equal(TimeSpan.FromSeconds(waitSeconds), Assert.Single(_notices).Wait);
    }

    [Fact]
    public async Task A_Retry_After_of_a_date_is_waited_for_by_a_read_too()
    {
        _server.Answer = (_, _) => Busy(answer => answer.Headers.RetryAfter = new(DateTimeOffset.UtcNow.AddSeconds(50)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client(new() { RetryReads = true }).GetCheckpointAsync("country", null, _stopAtFirstNotice.Token));

        Assert.InRange(Assert.Single(_notices).Wait, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(50));
    }

    private RegistersClient Client(RegistersClientOptions options) => new(
        new HttpClient(_server) { BaseAddress = new Uri("http://registers.test/") },
        options with { OnRetry = notice => { _notices.Add(notice); _stopAtFirstNotice.Cancel(); } });

    private static HttpResponseMessage Busy(Action<HttpResponseMessage> retryAfter)
    {
        var answer = FakeServer.Json(HttpStatusCode.TooManyRequests, """{"title":"Too many writes","status":429}""", "application/problem+json");
        retryAfter(answer);
        return answer;
    }
}
