using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

/// <summary>
/// A reverse proxy that publishes the server below a path and takes the path off names it in <c>X-Forwarded-Prefix</c>:
/// a write signed for the URI the client sent to verifies with it, and no other prefix does.
/// </summary>
public sealed class ForwardedPrefixTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_write_signed_below_a_prefix_verifies_with_that_prefix_forwarded_and_not_with_another()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        using var anonymous = server.NewClient();

        var forged = await anonymous.SendAsync(await StrippedAsync(server.AdminKey, server.Address, ("FR", "France"), forwarded: "/elsewhere"));
        var accepted = await anonymous.SendAsync(await StrippedAsync(server.AdminKey, server.Address, ("GB", "United Kingdom"), forwarded: "/registers-api/"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains($"checked against the target URI http://{server.Address.Authority}/elsewhere/registers/country/entries.", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var proof = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/registers/country/proof/register/merkle:sha-256");
        Assert.Equal(1, proof.GetProperty("total-entries").GetInt64());
    }

    /// <summary>An append signed for <c>/registers-api/registers/country/entries</c> as a proxy passes it on: without its prefix, naming <paramref name="forwarded"/>.</summary>
    private static async Task<HttpRequestMessage> StrippedAsync(SignerKey key, Uri server, (string Code, string Name) country, string forwarded)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/registers-api/registers/country/entries"))
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = country.Code, item = new { country = country.Code, name = country.Name } } } }),
        };
        await SigningHandler.SignAsync(request, key, DateTimeOffset.UtcNow);
        request.RequestUri = new Uri(server, "/registers/country/entries");
        request.Headers.Add("X-Forwarded-Prefix", forwarded);
        return request;
    }
}
