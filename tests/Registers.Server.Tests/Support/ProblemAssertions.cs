using System.Text.Json;

namespace Registers.Server.Tests.Support;

/// <summary>Checks that an answer is an RFC 9457 problem.</summary>
public static class ProblemAssertions
{
    /// <summary>Asserts the status, the problem media type and the parameter the problem names (or that it names none); returns the problem.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string? parameter)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(parameter, problem.TryGetProperty("parameter", out var named) ? named.GetString() : null);
        return problem;
    }

    /// <summary>Asserts that <paramref name="problem"/> has every member the server's problems carry: an absolute <c>type</c> URI, a title, the status and a detail.</summary>
    public static void AssertWhole(this JsonElement problem, int status)
    {
        Assert.True(problem.TryGetProperty("type", out var type), $"no type in {problem}");
        Assert.True(Uri.TryCreate(type.GetString(), UriKind.Absolute, out _), $"type '{type}' is not an absolute URI");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
