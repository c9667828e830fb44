using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary>A problem is the same problem whatever the client's <c>Accept</c>: the 406 for an Accept the server cannot meet most of all.</summary>
public sealed class ProblemAcceptTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    [Theory]
    [InlineData("GET", "/registers/country/register", "text/csv", 406)]
    [InlineData("GET", "/registers/country/proof/register/merkle:sha-256", "text/plain", 406)]
    [InlineData("GET", "/registers/country/records/GB", "application/xml", 406)]
    [InlineData("GET", "/registers/country/records/XX", "text/csv", 404)]
    [InlineData("GET", "/nothing", "text/csv", 404)]
    [InlineData("POST", "/registers/country/entries", "text/plain", 401)]
    public async Task A_problem_for_a_client_that_takes_no_json_carries_a_trace_id_as_every_problem_does(string method, string path, string accept, int status)
    {
        using var unsigned = new HttpClient { BaseAddress = sample.Server.Address };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { entries = Array.Empty<object>() });
        }

        var response = await unsigned.SendAsync(request);

        var problem = await response.AssertProblemAsync(status, null);
        problem.AssertWhole(status);
        Assert.True(problem.TryGetProperty("trace-id", out var traceId), problem.ToString());
        Assert.StartsWith("00-", traceId.GetString(), StringComparison.Ordinal);
    }
}
