using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A key's record may hold members besides its key and dates, lists among them (written by the admin as a system entry,
/// or loaded as history): revoking it keeps them as they are and adds the end-date, where reading the item as strings
/// alone failed (500) and left the key unrevokable through the endpoint.
/// </summary>
public sealed class RevokeKeyWithListMemberTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Fact]
    public async Task A_key_whose_record_holds_a_list_is_revoked_and_writes_no_more()
    {
        using var custodian = SignerKey.Generate("custodian.test/carol");
        var keyId = HttpSignatureKeyIds.Of(custodian.VerifierKey);
        var hex = keyId[(keyId.LastIndexOf('+') + 1)..];
        var allow = new
        {
            entries = new[]
            {
                new
                {
                    key = $"custodian-key:{hex}",
                    log = "system",
                    item = new Dictionary<string, object> { ["custodian-key"] = custodian.VerifierKey.ToString(), ["start-date"] = "2024-01-01T00:00:00Z", ["roles"] = new[] { "loader", "editor" } },
                },
            },
        };
        (await Server.Client.PostAsJsonAsync("/registers/country/entries", allow)).EnsureSuccessStatusCode();
        using var carol = Server.NewClient(custodian);
        (await carol.PostAsJsonAsync("/registers/country/entries", Entries("GB"))).EnsureSuccessStatusCode();

        var revoke = await Server.Client.DeleteAsync($"/registers/country/custodian-keys/{hex}");

        Assert.True(revoke.IsSuccessStatusCode, await revoke.Content.ReadAsStringAsync());
        var refused = await carol.PostAsJsonAsync("/registers/country/entries", Entries("FR"));
        var problem = await refused.AssertProblemAsync(403, null);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await Server.Client.UserSizeAsync("country"));
    }

    private static object Entries(string code) => new { entries = new[] { new { key = code, item = new { country = code } } } };
}
