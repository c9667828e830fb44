using System.Net;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Client.Verification;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Reads;

/// <summary>
/// Keys and register names of dots: <c>registers/school/records/../entries</c> would be read as
/// <c>registers/school/entries</c>, another resource. No key or register can be named so, and none is asked for.
/// </summary>
public sealed class DotSegmentTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task A_key_of_dots_is_an_unknown_key_not_the_registers_entries(string key)
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"), ("100002", "York School"));
        var reader = live.Reader();
        var client = new VerifyingClient(reader, live.Trust());

        var verified = await client.GetVerifiedHistoryAsync(LiveRegister.Name, key, TestContext.Current.CancellationToken);
        var record = await client.GetVerifiedRecordAsync(LiveRegister.Name, key, TestContext.Current.CancellationToken);
        var history = await reader.GetRecordHistoryAsync(LiveRegister.Name, key, 2, TestContext.Current.CancellationToken);
        var unsized = await Assert.ThrowsAsync<RegistersException>(() => reader.GetRecordHistoryAsync(LiveRegister.Name, key, TestContext.Current.CancellationToken));
        var unknown = await Assert.ThrowsAsync<RegistersException>(() => reader.GetRecordHistoryAsync(LiveRegister.Name, "999999", TestContext.Current.CancellationToken));

        Assert.Empty(verified);
        Assert.Null(record);
        Assert.Empty(history);
        Assert.Equal((unknown.StatusCode, unknown.Problem.Title), (unsized.StatusCode, unsized.Problem.Title));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("School")]
    public async Task A_name_no_register_can_have_is_refused_without_a_request(string name)
    {
        var server = new FakeServer();
        var client = new RegistersClient(new HttpClient(server) { BaseAddress = new Uri("http://example.test/") });

        var failure = await Assert.ThrowsAsync<ArgumentException>(() => client.GetRegisterAsync(name, TestContext.Current.CancellationToken));

        Assert.Equal("register", failure.ParamName);
        Assert.Empty(server.Received);
    }

    [Theory]
    [InlineData("registers/school/records/../entries")]
    [InlineData("registers/./entries")]
    [InlineData("..")]
    public void No_path_with_a_dot_segment_is_made_below_the_server(string path)
    {
        Assert.Throws<ArgumentException>(() => BaseAddressPaths.Below(new Uri("http://example.test/api/"), path));
    }

    [Fact]
    public void Dots_within_a_segment_or_in_the_query_are_kept()
    {
        var uri = BaseAddressPaths.Below(new Uri("http://example.test/api"), "registers/school/records/...json?as-of=..");

        Assert.Equal("http://example.test/api/registers/school/records/...json?as-of=..", uri.AbsoluteUri);
    }
}
