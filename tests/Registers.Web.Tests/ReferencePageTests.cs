using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>The API reference (<c>/scalar/v1</c>) works in a browser under its Content-Security-Policy, and talks only to this server.</summary>
[Collection(DemoCollection.Name)]
public sealed class ReferencePageTests(Browser browser, DemoServer demo)
{
    [Fact]
    public async Task The_api_reference_shows_the_api_and_sends_a_request_with_nothing_blocked_or_fetched_elsewhere()
    {
        var page = await browser.NewPageAsync(demo.Address);
        var blocked = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith("http", StringComparison.Ordinal) && !request.Url.StartsWith(demo.Address.ToString(), StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync("/scalar/v1");
        await Expect(page.GetByText("The registers this server keeps").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync();

        await Expect(page.GetByText("200 OK").First).ToBeVisibleAsync();
        Assert.Empty(blocked);
        Assert.Empty(elsewhere);
    }
}
