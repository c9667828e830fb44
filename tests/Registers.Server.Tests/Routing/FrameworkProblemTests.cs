using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary>The problems no endpoint writes (no route, a method the path does not answer) still say what was wrong.</summary>
public sealed class FrameworkProblemTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/download-register")]
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
