using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Registers.Protocol.Items;
using Registers.Server.Tests.Support;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// The server answers the page with something other than what it asked for (see <see cref="ServerLies"/>): each
/// answer is genuine and signed, but of another log or another entry. The page must not say "verified" for it.
/// </summary>
public sealed class LyingServerTests(Browser browser, RegisterNamedRegistersServer server) : IClassFixture<RegisterNamedRegistersServer>
{
    [Fact]
    public async Task A_register_named_system_is_not_verified_by_the_system_log_of_a_register_named_registers()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AnswerWithAsync("/registers/system/(?!items/)", "/registers/registers/system/");
        await page.AnswerWithAsync("/registers/system/items/", "/registers/registers/items/");

        await page.OpenAsync("/ui/?register=system&entry=1");

        await Expect(page.Locator("#checkpoint-status")).ToContainTextAsync("not verified: the checkpoint is of");
        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
    }
}

/// <summary>A server of its own holding one register, named "registers", of two records.</summary>
public sealed class RegisterNamedRegistersServer(PostgresCluster cluster) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public Uri Address => _server.Address;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster);
        var definition = new
        {
            name = "registers",
            title = "Registers",
            custodian = "Jane Doe",
            description = "A register named like the server's list of registers",
            fields = new object[] { new { field = "registers", datatype = "string", cardinality = "1", text = "The key" } },
        };
        (await _server.Client.PostAsJsonAsync("/registers", definition)).EnsureSuccessStatusCode();
        var rsf = new StringBuilder();
        foreach (var key in new[] { "first", "second" })
        {
            var item = $$"""{"registers":"{{key}}"}""";
            rsf.Append($"add-item\t{item}\nappend-entry\tuser\t{key}\t2026-01-01T00:00:00Z\t{Item.Create(Encoding.UTF8.GetBytes(item)).Hash}\n");
        }

        using var content = new StringContent(rsf.ToString());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
        using var response = await _server.Client.PostAsync("/registers/registers/rsf", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
