using System.Text;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Hosting;

/// <summary>
/// An operator's <c>Kestrel:Limits</c> on a request's head are the limits the server keeps, lower or higher than its
/// defaults, and past them the refusal is still a problem naming the limit. The host reads Kestrel's endpoints and
/// certificates from the configuration, not its limits, and the server set them to its ceiling: they were lost. The
/// server runs as its own process, settings on its command line.
/// </summary>
public sealed class RequestHeadLimitSettingTests(PostgresCluster cluster)
{
    private const string LogKey = "/.well-known/registers/log-key";

    [Fact]
    public async Task Lower_limits_set_for_the_HTTP_server_are_kept_and_answered_with_problems_naming_them()
    {
        await WithServerAsync(
            ["--Kestrel:Limits:MaxRequestLineSize=2048", "--Kestrel:Limits:MaxRequestHeadersTotalSize=16384", "--Kestrel:Limits:MaxRequestHeaderCount=20"],
            async server =>
            {
                AssertProblem(await GetAsync(server, TargetOf(3000), []), 414, "max-target-bytes", 2048);
                AssertProblem(await GetAsync(server, LogKey, [$"X-Padding: {new string('a', 20_000)}"]), 431, "max-header-bytes", 16384);
                AssertProblem(await GetAsync(server, LogKey, Fields(30)), 431, "max-header-fields", 20);
                AssertServed(await GetAsync(server, TargetOf(2000), Fields(10)));
            });
    }

    [Fact]
    public async Task Higher_limits_set_for_the_HTTP_server_are_kept_and_answered_with_problems_naming_them()
    {
        await WithServerAsync(
            ["--Kestrel:Limits:MaxRequestLineSize=131072", "--Kestrel:Limits:MaxRequestHeadersTotalSize=262144", "--Kestrel:Limits:MaxRequestHeaderCount=2000"],
            async server =>
            {
                AssertServed(await GetAsync(server, TargetOf(100_000), []));
                AssertServed(await GetAsync(server, LogKey, [$"X-Padding: {new string('a', 200_000)}"]));
                AssertServed(await GetAsync(server, LogKey, Fields(1500)));
                AssertProblem(await GetAsync(server, TargetOf(140_000), []), 414, "max-target-bytes", 131072);
                AssertProblem(await GetAsync(server, LogKey, [$"X-Padding: {new string('a', 270_000)}"]), 431, "max-header-bytes", 262144);
                AssertProblem(await GetAsync(server, LogKey, Fields(2001)), 431, "max-header-fields", 2000);
            });
    }

    [Theory]
    [InlineData("MaxRequestLineSize", "0")]
    [InlineData("MaxRequestHeadersTotalSize", "32KB")]
    [InlineData("MaxRequestHeaderCount", "-5")]
    public async Task A_limit_that_is_not_a_whole_number_above_zero_stops_the_start_naming_its_setting(string limit, string value)
    {
        var outcome = await ServerExit.RunAsync(
            $"--ConnectionStrings:Registers={await cluster.CreateDatabaseAsync()}",
            $"--Registers:DataDirectory={ServerExit.NewDataDirectory()}",
            "--urls=http://127.0.0.1:0",
            $"--Kestrel:Limits:{limit}={value}");

        FailedStartTests.AssertOneLineFailure(outcome, $"Kestrel:Limits:{limit}", $"'{value}'", "whole number above zero");
    }

    private async Task WithServerAsync(string[] settings, Func<ServerProcess, Task> test)
    {
        var folder = ServerExit.NewDataDirectory();
        try
        {
            using var server = await ServerProcess.StartAsync(await cluster.CreateDatabaseAsync(), folder, settings);
            await test(server);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    // The log key's path, with a query it ignores to make the target exactly targetBytes long.
    private static string TargetOf(int targetBytes)
    {
        const string Query = LogKey + "?_=";
        return Query + new string('a', targetBytes - Query.Length);
    }

    private static string[] Fields(int count) => [.. Enumerable.Range(1, count).Select(i => $"X-Field-{i}: {i}")];

    private static Task<RawAnswer> GetAsync(ServerProcess server, string target, string[] fields)
    {
        var head = new StringBuilder($"GET {target} HTTP/1.1\r\nHost: {server.Address.Authority}\r\nConnection: close\r\n");
        foreach (var line in fields)
        {
            head.Append(line).Append("\r\n");
        }

        return LineByLine.SendAsync(server.Address, Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
    }

    private static void AssertServed(RawAnswer answer) => Assert.True(answer.Status == 200, $"{answer.Status}: {answer.Body}");

    private static void AssertProblem(RawAnswer answer, int status, string member, int limit)
    {
        Assert.True(answer.Status == status, $"{answer.Status}: {answer.Body}");
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        problem.AssertWhole(status);
        Assert.Equal(limit, problem.GetProperty(member).GetInt32());
    }
}
