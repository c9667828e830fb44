using System.Net;
using Registers.Web.Tests.Support;

namespace Registers.Web.Tests;

/// <summary>
/// A register's own host (<c>&lt;name&gt;.&lt;domain&gt;</c>) answers its root as GOV.UK did: the register's JSON to
/// clients, and to a browser, which ranks HTML first, that register's page.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class RegisterHostTests(DemoServer demo)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    [Fact]
    public async Task A_browser_opening_a_registers_own_host_is_sent_to_that_registers_page()
    {
        using var response = await GetRootAsync("vehicle.registers.test", BrowserAccept);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/?register=vehicle", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("*/*")]
    public async Task Any_other_client_of_a_registers_own_host_gets_the_registers_json(string accept)
    {
        using var response = await GetRootAsync("vehicle.registers.test", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"total-entries\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> GetRootAsync(string host, string accept)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = demo.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }
}
