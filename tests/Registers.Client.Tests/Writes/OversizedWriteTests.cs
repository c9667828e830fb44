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
/// A write larger than the server takes is refused before its body is sent: the client asks first (<c>Expect:
/// 100-continue</c>), so it hears the server's 413 problem instead of a connection broken off mid-upload.
/// </summary>
public sealed class OversizedWriteTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_write_past_the_servers_body_limit_is_a_413_problem_not_a_broken_connection()
    {
        await using var live = await LiveRegister.StartAsync(cluster);
        using var key = SignerKey.Generate("custodian.example/alice");
        var alice = await live.CustodianAsync(key);
        var name = new string('x', 17 * 1024 * 1024); // past the server's default limit of 16 MiB
        var school = new NewEntry("100001", Item.FromJson(Encoding.UTF8.GetBytes($$"""{"school":"100001","name":"{{name}}"}""")));

        var refused = await Assert.ThrowsAsync<RegistersException>(() => alice.AppendAsync(LiveRegister.Name, [school]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var written = await alice.AppendAsync(LiveRegister.Name, [new NewEntry("100002", Item.FromJson("""{"name":"after","school":"100002"}"""u8))]);
        Assert.Equal(1, written.User.Size);
    }
}
