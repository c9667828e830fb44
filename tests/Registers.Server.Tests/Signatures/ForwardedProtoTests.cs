using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A reverse proxy that terminates TLS passes writes on as plain http and names the client's scheme in
/// <c>X-Forwarded-Proto</c>: a write signed for the https URI the client sent to verifies with it, and one value of
/// <c>http</c> or <c>https</c> is all the server takes from it.
/// </summary>
public sealed class ForwardedProtoTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("https")]
    [InlineData("HTTPS")]
    public async Task A_write_signed_for_https_verifies_when_the_proxy_names_https(string forwarded)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        using var anonymous = server.NewClient();

        var accepted = await anonymous.SendAsync(await TerminatedAsync(server.AdminKey, server.Address, signedScheme: "https", forwarded: [forwarded]));

        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var proof = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/registers/country/proof/register/merkle:sha-256");
        Assert.Equal(1, proof.GetProperty("total-entries").GetInt64());
    }

    [Theory]
    [InlineData("http", "https")] // a scheme the client did not use
    [InlineData("https", "ftp")] // no scheme a client signs
    [InlineData("https", "https, http")] // a list: which proxy wrote which is not known
    [InlineData("https")] // none: the scheme received
    public async Task A_write_is_refused_when_the_scheme_header_is_not_one_naming_the_scheme_signed(string signedScheme, params string[] forwarded)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        using var anonymous = server.NewClient();

        var refused = await anonymous.SendAsync(await TerminatedAsync(server.AdminKey, server.Address, signedScheme, forwarded));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var checkedScheme = forwarded is ["https"] ? "https" : "http";
        Assert.Contains($"checked against the target URI {checkedScheme}://{server.Address.Authority}/registers/country/entries.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>An append signed for <paramref name="signedScheme"/><c>://host/registers/country/entries</c> as a proxy passes it on: over http, naming <paramref name="forwarded"/> in <c>X-Forwarded-Proto</c>.</summary>
    private static async Task<HttpRequestMessage> TerminatedAsync(SignerKey key, Uri server, string signedScheme, string[] forwarded)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new UriBuilder(server) { Scheme = signedScheme, Path = "/registers/country/entries" }.Uri)
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = "GB", item = new { country = "GB", name = "United Kingdom" } } } }),
        };
        await SigningHandler.SignAsync(request, key, DateTimeOffset.UtcNow);
        request.RequestUri = new Uri(server, "/registers/country/entries");
        foreach (var value in forwarded)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", value);
        }

        return request;
    }
}
