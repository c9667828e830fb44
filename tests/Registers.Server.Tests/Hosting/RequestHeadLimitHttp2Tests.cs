using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// The limits on a request's head hold over HTTP/2 as over HTTP/1.1: a target or header fields past them are a problem
/// naming the limit, not the connection ended (Kestrel's own limit on one HTTP/2 field is below the ceiling otherwise).
/// </summary>
public sealed class RequestHeadLimitHttp2Tests(Http2Server tls) : IClassFixture<Http2Server>
{
    [Theory]
    [InlineData(8 * 1024 + 1)]
    [InlineData(60 * 1024)]
    public async Task A_request_target_past_8_KiB_is_a_414_problem(int targetBytes)
    {
        using var client = tls.NewClient();
        var target = "/registers?_=";
        using var answer = await client.GetAsync(target + new string('a', targetBytes - target.Length));

        var problem = await AssertProblemAsync(answer, 414);
        Assert.Equal(8192, problem.GetProperty("max-target-bytes").GetInt32());
    }

    [Theory]
    [InlineData(1, 40_000)] // one field past the 32 KiB Kestrel takes in one HTTP/2 field by default
    [InlineData(50, 1_000)]
    public async Task Header_fields_past_32_KiB_are_a_431_problem(int fields, int valueLength)
    {
        using var client = tls.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/registers");
        for (var i = 1; i <= fields; i++)
        {
            request.Headers.Add($"X-Padding-{i}", new string('a', valueLength));
        }

        using var answer = await client.SendAsync(request);

        var problem = await AssertProblemAsync(answer, 431);
        Assert.Equal(32768, problem.GetProperty("max-header-bytes").GetInt32());
    }

    [Fact]
    public async Task A_request_within_the_limits_is_served_over_HTTP_2()
    {
        using var client = tls.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/registers?_=" + new string('a', 8000));
        request.Headers.Add("X-Padding", new string('a', 30_000));

        using var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(new Version(2, 0), answer.Version);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage answer, int status)
    {
        Assert.Equal(new Version(2, 0), answer.Version);
        var problem = await answer.AssertProblemAsync(status, parameter: null);
        problem.AssertWhole(status);
        return problem;
    }
}
