using System.Net;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;

namespace Registers.Client.Tests.Reads;

/// <summary>Reads are tried again on a failure that may pass only when the options ask for it (the command line does).</summary>
public sealed class ReadRetryTests
{
    private const string Note = "registers.test/registers/country\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— registers.test AAAAAAA=\n";

    private readonly FakeServer _server = new()
    {
        // A restarting database's 503, then the answer.
        Answer = (_, count) => count == 1
            ? FakeServer.Json(HttpStatusCode.ServiceUnavailable, """{"title":"Database unavailable","status":503}""", "application/problem+json")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Note) },
    };

    [Fact]
    public async Task A_read_answered_503_is_tried_again_when_reads_retry_and_said_before_it_is()
    {
        var notices = new List<RetryNotice>();

        var note = await Client(new() { RetryReads = true, RetryDelay = TimeSpan.FromMilliseconds(1), OnRetry = notices.Add }).GetCheckpointAsync("country", null);

        Assert.Equal(Note, note);
        Assert.Equal(2, _server.Received.Count);
        Assert.Equal(2, Assert.Single(notices).Attempt);
        Assert.StartsWith("503", notices[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_answered_503_is_thrown_at_once_by_default()
    {
        var failure = await Assert.ThrowsAsync<RegistersException>(() => Client(new() { RetryDelay = TimeSpan.FromMilliseconds(1) }).GetCheckpointAsync("country", null));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Single(_server.Received);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, 2)]
    [InlineData(HttpRequestError.SecureConnectionError, 1)]
    [InlineData(HttpRequestError.NameResolutionError, 1)]
    public async Task A_read_that_cannot_reach_the_server_is_tried_again_only_when_it_may_pass(HttpRequestError error, int requests)
    {
        _server.Answer = (_, count) => count == 1 ? throw new HttpRequestException(error, "no answer") : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Note) };
        var client = Client(new() { RetryReads = true, RetryDelay = TimeSpan.FromMilliseconds(1) });

        var read = client.GetCheckpointAsync("country", null);

        if (requests == 1)
        {
            Assert.Equal(error, (await Assert.ThrowsAsync<HttpRequestException>(() => read)).HttpRequestError);
        }
        else
        {
            Assert.Equal(Note, await read);
        }

        Assert.Equal(requests, _server.Received.Count);
    }

    private RegistersClient Client(RegistersClientOptions options) => new(new HttpClient(_server) { BaseAddress = new Uri("http://registers.test/") }, options);
}
