using System.Net;
using System.Text;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Client.Writes;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.Items;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Writes;

/// <summary>
/// Signed writes through a reverse proxy that publishes the server below a path and takes the path off before passing a
/// request on: the signature covers the URI the client sent to, so the server checks it with the prefix the proxy names in
/// <c>X-Forwarded-Prefix</c>; a proxy that does not name it gets a refusal that says so.
/// </summary>
public sealed class WritesThroughAPathPrefixTests(PostgresCluster cluster)
{
    private const string Prefix = "/registers-api";

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task A_signed_write_verifies_through_a_proxy_that_strips_the_prefix_and_names_it_in_X_Forwarded_Prefix(string trailing)
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"));
        await using var proxy = await PathPrefixProxy.StartAsync(live.Address, Prefix, forwardsPrefix: true);
        using var key = SignerKey.Generate("custodian.example/alice");
        var custodian = await live.CustodianAsync(key, proxy.Published + trailing);

        var receipt = await custodian.AppendAsync(LiveRegister.Name, [School("100002", "York School")],
            new WriteOptions { IdempotencyKey = "york", ExpectedSize = 1 }, TestContext.Current.CancellationToken);
        var again = await custodian.GetWriteReceiptAsync(LiveRegister.Name, "york", TestContext.Current.CancellationToken);

        Assert.Equal(2, receipt.User.Size);
        Assert.Equal(receipt.User, again?.User);
    }

    [Fact]
    public async Task A_signed_write_through_a_proxy_that_strips_the_prefix_silently_is_refused_naming_the_uri_the_server_checked()
    {
        await using var live = await LiveRegister.StartAsync(cluster, ("100001", "Leeds School"));
        await using var proxy = await PathPrefixProxy.StartAsync(live.Address, Prefix, forwardsPrefix: false);
        using var key = SignerKey.Generate("custodian.example/alice");
        var custodian = await live.CustodianAsync(key, proxy.Published);

        var refused = await Assert.ThrowsAsync<RegistersException>(() => custodian.AppendAsync(
            LiveRegister.Name, [School("100002", "York School")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains($"checked against the target URI {proxy.Address.GetLeftPart(UriPartial.Authority)}/registers/school/entries.", refused.Problem.Detail, StringComparison.Ordinal);
        Assert.Contains("a path prefix the proxy took off named in X-Forwarded-Prefix", refused.Problem.Detail, StringComparison.Ordinal);
    }

    private static NewEntry School(string key, string name) =>
        new(key, Item.FromJson(Encoding.UTF8.GetBytes($$"""{"school":"{{key}}","name":"{{name}}"}""")));
}
