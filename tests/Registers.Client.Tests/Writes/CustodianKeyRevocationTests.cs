using System.Net;
using Registers.Client.Problems;
using Registers.Client.Tests.Support;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;

namespace Registers.Client.Tests.Writes;

/// <summary>
/// A key id given with its name revokes only a listed key of that name: a mistyped name with another key's eight hex
/// digits must not revoke that other key.
/// </summary>
public sealed class CustodianKeyRevocationTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_key_id_with_another_keys_name_revokes_nothing_and_the_right_one_revokes_the_key()
    {
        await using var live = await LiveRegister.StartAsync(cluster);
        using var alice = SignerKey.Generate("custodian.test/alice");
        await live.CustodianAsync(alice);
        var admin = live.Admin(out var http);
        using var _ = http;
        var misnamed = "custodian.test/bob+" + HttpSignatureKeyIds.Of(alice.VerifierKey).Split('+')[^1];

        var refused = await Assert.ThrowsAsync<RegistersException>(() => admin.RevokeCustodianKeyAsync(LiveRegister.Name, misnamed));
        // Had the misnamed id revoked alice, this would be refused as revoked already (409).
        var revoked = await admin.RevokeCustodianKeyAsync(LiveRegister.Name, alice.VerifierKey);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(1, revoked.SystemEntriesAppended);
    }
}
