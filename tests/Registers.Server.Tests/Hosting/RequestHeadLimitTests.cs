using System.Globalization;
using System.Text;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// A request whose target or header fields pass the server's limits (8 KiB of target, 32 KiB and 100 fields of headers)
/// is refused with a problem naming the limit, as every other refusal is, not with the bare status the HTTP server gives
/// by itself; one at the limits is served. Sent over a socket, byte for byte, so the sizes are exactly those counted.
/// </summary>
public sealed class RequestHeadLimitTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private const string Record = "/registers/country/records/CZ";

    [Theory]
    [InlineData(8 * 1024 + 1)]
    [InlineData(60 * 1024)]
    public async Task A_request_target_past_8_KiB_is_a_414_problem_naming_the_limit(int targetBytes)
    {
        var answer = await GetAsync(TargetOf(targetBytes), []);

        var problem = AssertProblem(answer, 414);
        Assert.Equal("URI Too Long", problem.GetProperty("title").GetString());
        Assert.Equal(8192, problem.GetProperty("max-target-bytes").GetInt32());
        Assert.Contains(targetBytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_target_of_8_KiB_is_served()
    {
        var answer = await GetAsync(TargetOf(8 * 1024), []);

        Assert.True(answer.Status == 200, $"{answer.Status}: {answer.Body}");
        Assert.Contains("\"Czechia\"", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 40_000)] // one field too large
    [InlineData(50, 1_000)] // many fields, together too large
    public async Task Header_fields_past_32_KiB_are_a_431_problem_naming_the_limit(int fields, int valueLength)
    {
        var answer = await GetAsync(Record, Enumerable.Range(1, fields).Select(i => $"X-Padding-{i}: {new string('a', valueLength)}").ToArray());

        var problem = AssertProblem(answer, 431);
        Assert.Equal("Request Header Fields Too Large", problem.GetProperty("title").GetString());
        Assert.Equal(32768, problem.GetProperty("max-header-bytes").GetInt32());
        Assert.Contains("32,768", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_fields_of_32_KiB_are_served()
    {
        var answer = await GetAsync(Record, [PaddingTo(32 * 1024)]);

        Assert.True(answer.Status == 200, $"{answer.Status}: {answer.Body}");
    }

    [Fact]
    public async Task Header_fields_a_byte_past_32_KiB_are_a_431_problem()
    {
        var answer = await GetAsync(Record, [PaddingTo(32 * 1024 + 1)]);

        var problem = AssertProblem(answer, 431);
        Assert.Contains("32,769 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_100_header_fields_are_a_431_problem_naming_the_limit()
    {
        var answer = await GetAsync(Record, Fields(101 - BaseFields().Length));

        var problem = AssertProblem(answer, 431);
        Assert.Equal(100, problem.GetProperty("max-header-fields").GetInt32());
        Assert.Contains("101 header fields", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_header_fields_are_served()
    {
        var answer = await GetAsync(Record, Fields(100 - BaseFields().Length));

        Assert.True(answer.Status == 200, $"{answer.Status}: {answer.Body}");
    }

    // The record's path, with a query the reads ignore to make the target exactly targetBytes long.
    private static string TargetOf(int targetBytes)
    {
        var query = Record + "?_=";
        return query + new string('a', targetBytes - query.Length);
    }

    // A field that brings the header fields to headerBytes. Each field counts as its line: name, ": ", value and the line's end.
    private string PaddingTo(int headerBytes)
    {
        const string Padding = "X-Padding: ";
        var counted = BaseFields().Sum(line => line.Length + 2) + Padding.Length + 2;
        return Padding + new string('a', headerBytes - counted);
    }

    private static string[] Fields(int count) => [.. Enumerable.Range(1, count).Select(i => $"X-Field-{i}: {i}")];

    // The fields every request here sends.
    private string[] BaseFields() => [$"Host: {sample.Server.Address.Authority}", "Connection: close"];

    private Task<RawAnswer> GetAsync(string target, string[] fields)
    {
        var head = new StringBuilder($"GET {target} HTTP/1.1\r\n");
        foreach (var line in BaseFields().Concat(fields))
        {
            head.Append(line).Append("\r\n");
        }

        return LineByLine.SendAsync(sample.Server.Address, Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
    }

    private static JsonElement AssertProblem(RawAnswer answer, int status)
    {
        Assert.True(answer.Status == status, $"{answer.Status}: {answer.Body}");
        Assert.StartsWith("application/problem+json", Assert.Single(answer.Headers.GetValueOrDefault("Content-Type") ?? []), StringComparison.Ordinal);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        problem.AssertWhole(status);
        return problem;
    }
}
