using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Registers.Server.Hosting;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary>The problems no endpoint writes (no route, a method the path does not answer) still say what was wrong.</summary>
public sealed class FrameworkProblemTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/download-everything")]
    [InlineData("/registers/country/system/items/sha-256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/nothing")]
    public async Task A_path_nothing_answers_is_a_404_problem_that_names_it(string path)
    {
        var response = await _client.GetAsync(path);

        var problem = await response.AssertProblemAsync(404, null);
        Assert.Contains($"'{path}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(path, problem.GetProperty("unserved-path").GetString());
    }

    [Theory]
    [InlineData("/nothing", "/registers-api/nothing")]
    [InlineData("/no%20thing/caf%C3%A9", "/registers-api/no%20thing/caf%C3%A9")]
    public async Task Behind_a_proxy_the_unserved_path_is_the_one_the_client_sent(string path, string sent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Prefix", "/registers-api");

        var problem = await (await _client.SendAsync(request)).AssertProblemAsync(404, null);

        Assert.Equal(sent, problem.GetProperty("unserved-path").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_404_without_detail_names_an_unserved_path_only_when_no_endpoint_answered(bool routed)
    {
        // Every endpoint writes its 404s with a detail today; one that left it to the framework must not be taken for a wrong address.
        var http = new DefaultHttpContext();
        http.Request.Path = "/registers/country/records/XX";
        if (routed)
        {
            http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "records"));
        }

        var context = new ProblemDetailsContext { HttpContext = http, ProblemDetails = new() { Status = StatusCodes.Status404NotFound } };
        FrameworkProblems.Complete(context);

        Assert.Equal(!routed, context.ProblemDetails.Extensions.ContainsKey(FrameworkProblems.UnservedPathMember));
    }

    [Theory]
    [InlineData("/registers/nowhere/records/GB")]
    [InlineData("/registers/country/records/XX")]
    [InlineData("/registers/country/entries/99999")]
    public async Task A_404_for_something_not_found_at_a_served_path_names_no_unserved_path(string path)
    {
        // A client tells a wrong address (a path no endpoint answers) from a register or record that does not exist by it.
        var problem = await (await _client.GetAsync(path)).AssertProblemAsync(404, null);

        Assert.False(problem.TryGetProperty("unserved-path", out _), problem.ToString());
    }

    [Fact]
    public async Task A_write_that_accepts_no_json_is_a_406_problem_that_says_what_to_accept_and_writes_nothing()
    {
        var before = await _client.GetFromJsonAsync<JsonElement>("/registers/country/register");
        using var write = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries")
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = "XA", item = new { country = "XA", name = "Nowhere" } } } }),
        };
        write.Headers.Accept.ParseAdd("text/csv");

        var problem = await (await _client.SendAsync(write)).AssertProblemAsync(406, null);

        Assert.Equal("POST /registers/country/entries answers JSON: accept application/json, not 'text/csv'. Nothing was written.", problem.GetProperty("detail").GetString());
        Assert.Equal(before.GetProperty("total-entries").GetInt64(), (await _client.GetFromJsonAsync<JsonElement>("/registers/country/register")).GetProperty("total-entries").GetInt64());
    }

    [Fact]
    public async Task A_method_the_path_does_not_answer_is_a_405_problem_that_names_the_methods_it_answers()
    {
        var response = await _client.DeleteAsync("/registers/country/records/GB");

        var problem = await response.AssertProblemAsync(405, null);
        Assert.Equal(
            "'/registers/country/records/GB' does not answer DELETE; it answers GET, HEAD.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_tile_path_is_an_invalid_tile_path()
    {
        var response = await _client.GetAsync("/registers/country/tile/");

        var problem = await response.AssertProblemAsync(400, "path");
        Assert.Equal("Invalid tile path", problem.GetProperty("title").GetString());
    }
}
