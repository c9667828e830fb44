using System.Text.Json;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A signed note's key name may hold any letters, but a signed request names its key in printable ASCII only: a custodian
/// key named <c>custodian.example/zoë</c> could be allowed and never write, so it is not allowed.
/// </summary>
public sealed class UnusableKeyNameTests(CountryWithCustodian country) : IClassFixture<CountryWithCustodian>
{
    [Fact]
    public async Task A_key_whose_name_no_signed_request_can_carry_is_refused_naming_the_rule()
    {
        using var zoe = SignerKey.Generate("custodian.example/zoë");

        using var response = await country.Server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = zoe.VerifierKey.ToString() }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("key", problem.GetProperty("parameter").GetString());
        Assert.Contains("printable ASCII", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
