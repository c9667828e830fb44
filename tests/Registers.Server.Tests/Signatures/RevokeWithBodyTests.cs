using System.Net.Http.Headers;
using System.Text;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// Revoking a custodian key takes no body: the server dates the revocation itself. A body sent with it (an
/// <c>end-date</c> meant to be taken, say) was ignored unseen and the key revoked otherwise than its sender meant: it is
/// refused (400), and the key stays allowed.
/// </summary>
public sealed class RevokeWithBodyTests(CountryWithCustodian country) : IClassFixture<CountryWithCustodian>
{
    [Theory]
    [InlineData("""{"end-date":"2030-01-01T00:00:00Z"}""", "application/json")]
    [InlineData("end-date=2030-01-01", "application/x-www-form-urlencoded")]
    public async Task A_revocation_sent_with_a_body_is_400_and_the_key_stays_allowed(string body, string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/registers/country/custodian-keys/{Uri.EscapeDataString(HttpSignatureKeyIds.Of(country.Custodian.VerifierKey))}")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(mediaType)),
        };

        var problem = await (await country.Server.Client.SendAsync(request)).AssertProblemAsync(400, null);

        Assert.Contains("takes no body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var custodian = country.Server.NewClient(country.Custodian);
        var code = mediaType == "application/json" ? "GB" : "FR"; // the fixture's register is shared by both cases
        var append = await custodian.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key = code, item = new { country = code } } } });
        Assert.True(append.IsSuccessStatusCode, await append.Content.ReadAsStringAsync());
    }
}
