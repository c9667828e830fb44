using System.Net;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;

namespace Registers.Client.Tests.Reads;

/// <summary>
/// JSON can escape half of a surrogate pair (<c>"\ud800"</c>): it parses, but is no text. A server that answers so must
/// not get past the client as an exception no caller expects: a problem is still a refusal, an answer still malformed.
/// </summary>
public sealed class BrokenTextTests : IDisposable
{
    private const string HalfPair = @"\ud800";
    private readonly MemoryLog _log = new MemoryLog().Append(5);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData("title")]
    [InlineData("detail")]
    [InlineData("errors")]
    public async Task A_problem_holding_half_a_surrogate_pair_is_still_the_servers_refusal(string member)
    {
        var body = member == "errors"
            ? $$"""{"title":"Bad Request","status":400,"errors":[{"key":"{{HalfPair}}","detail":"bad"}]}"""
            : $$"""{"title":"Bad Request","status":400,"{{member}}":"{{HalfPair}}"}""";
        var client = Client((_, _) => FakeServer.Json(HttpStatusCode.BadRequest, body, "application/problem+json"));

        var failure = await Assert.ThrowsAsync<RegistersException>(() => client.GetCheckpointAsync(MemoryLog.Register, null));

        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
    }

    [Fact]
    public async Task A_404_problem_holding_half_a_surrogate_pair_is_still_the_servers()
    {
        var client = Client((_, _) => FakeServer.Json(HttpStatusCode.NotFound, $$"""{"title":"{{HalfPair}}","status":404}""", "application/problem+json"));

        var failure = await Assert.ThrowsAsync<RegistersException>(() => client.GetCheckpointAsync(MemoryLog.Register, null));

        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task A_register_resource_holding_half_a_surrogate_pair_is_not_the_json_the_api_defines()
    {
        var client = Client((_, _) => FakeServer.Json(HttpStatusCode.OK,
            $$"""{"domain":"{{HalfPair}}","total-records":0,"total-entries":0,"log-key":"k","checkpoint":"c"}"""));

        await Assert.ThrowsAsync<System.Text.Json.JsonException>(() => client.GetRegisterAsync(MemoryLog.Register));
    }

    private static RegistersClient Client(Func<ReceivedRequest, int, HttpResponseMessage> answer) =>
        new(new HttpClient(new FakeServer { Answer = answer }) { BaseAddress = new Uri("http://registers.test/") });
}
