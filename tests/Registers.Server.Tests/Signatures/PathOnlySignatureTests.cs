using System.Net.Http.Headers;
using System.Text.Json;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A signature over <c>@path</c> names the resource but not the server: one made for another server that trusts the same
/// key would verify here too. Without <c>@target-uri</c>, <c>@authority</c> must be covered.
/// </summary>
public sealed class PathOnlySignatureTests(CountryWithCustodian country) : IClassFixture<CountryWithCustodian>
{
    [Fact]
    public async Task A_write_signed_over_its_path_without_its_authority_is_refused()
    {
        using var response = await SendAsync(["@method", "@path", "content-digest"], "path-only");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("must cover @authority", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_signed_over_its_path_and_authority_is_accepted()
    {
        using var response = await SendAsync(["@method", "@authority", "@path", "content-digest"], "path-and-authority");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_write_signed_over_its_path_and_the_authority_of_another_server_is_refused_here()
    {
        // Captured on its way to another server trusting the same key, and passed on by a proxy that forwards the host it
        // came for: @authority is checked against the Host this server received, never X-Forwarded-Host.
        var elsewhere = new UriBuilder(country.Server.Address) { Host = "other-registers.test" }.Uri;
        using var response = await SendAsync(["@method", "@authority", "@path", "content-digest"], "another-server", signedFor: elsewhere);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains($"checked against the target URI {country.Server.Address}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string[] components, string nonce, Uri? signedFor = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { entries = new[] { new { key = "DE", item = new { country = "DE", name = "Germany" } } } });
        var target = new Uri(country.Server.Address, "/registers/country/entries");
        var signedTarget = new Uri(signedFor ?? country.Server.Address, "/registers/country/entries");
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        if (signedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", signedFor.Authority);
        }

        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var digest = ContentDigest.Of(body);
        request.Headers.TryAddWithoutValidation("Content-Digest", digest);
        var signature = HttpMessageSigner.Sign(new HttpRequestParts("POST", signedTarget.AbsoluteUri, [KeyValuePair.Create("content-digest", digest)]),
            new SignatureParameters { Components = components, Created = DateTimeOffset.UtcNow, Nonce = nonce }, country.Custodian);
        request.Headers.TryAddWithoutValidation("Signature-Input", signature.SignatureInput);
        request.Headers.TryAddWithoutValidation("Signature", signature.Signature);
        using var client = country.Server.NewClient();
        return await client.SendAsync(request);
    }
}
