using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Reads;

/// <summary>A refusal keeps what the server's problem details say of it: its type, and the trace id an operator can look up.</summary>
public sealed class ProblemDetailsTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_refusal_keeps_the_problems_type_and_trace_id()
    {
        await using var live = await LiveRegister.StartAsync(cluster);

        var failure = await Assert.ThrowsAsync<RegistersException>(() => live.Reader().GetRegisterAsync("nowhere", TestContext.Current.CancellationToken));

        Assert.Equal("Unknown register", failure.Problem.Title);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", failure.Problem.Type);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", failure.Problem.TraceId);
    }
}
