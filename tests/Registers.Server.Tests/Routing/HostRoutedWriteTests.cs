using System.Text.Json;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Routing;

/// <summary>
/// A register's own host serves its reads only. A write's signature binds its path and the host it was sent to, never a
/// forwarded host, so a write routed by host could be turned towards another register by a header nobody signed.
/// </summary>
public sealed class HostRoutedWriteTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_signed_write_to_a_registers_own_host_is_not_routed_to_the_register_a_forwarded_host_names()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/entries")
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } }),
        };
        request.Headers.Add("X-Forwarded-Host", "country.registers.test");

        var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var proof = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/register/merkle:sha-256");
        Assert.Equal(0, proof.GetProperty("total-entries").GetInt64());
    }

    [Fact]
    public async Task Reads_are_still_served_at_the_host_a_proxy_forwards()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/register");
        request.Headers.Add("X-Forwarded-Host", "country.registers.test");

        var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
