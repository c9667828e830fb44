using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// Text a server sends, set among the page's own words, is isolated (U+2068, U+2069 in plain text, <c>bdi</c> in an
/// element): right-to-left text from a server cannot reorder the words around it.
/// </summary>
public sealed class ServerTextIsolationTests(Browser browser, RegisterNamedRegistersServer server) : IClassFixture<RegisterNamedRegistersServer>
{
    /// <summary>A problem's title and detail that reverse the text after them unless they are isolated (RIGHT-TO-LEFT OVERRIDE).</summary>
    private const string Title = "\u202Eruo";
    private const string Detail = "\u05d0 \u202Eton";

    private static readonly string Problem = $$"""{"title":"{{Title}}","status":503,"detail":"{{Detail}}"}""";

    [Fact]
    public async Task A_refusals_title_and_detail_are_isolated_in_the_pages_message()
    {
        var page = await browser.NewPageAsync(server.Address);
        await RefuseAsync(page, "/registers/registers$");

        await page.OpenAsync("/ui/?register=registers");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"\u2068{Title}\u2069: \u2068{Detail}\u2069");
    }

    [Fact]
    public async Task A_refusals_title_and_detail_are_isolated_in_a_checks_detail()
    {
        var page = await browser.NewPageAsync(server.Address);
        await RefuseAsync(page, "/proof/entry/");

        await page.OpenAsync("/ui/?register=registers&entry=2");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the server did not send the inclusion proof");
        await Expect(page.Locator("#proof-detail pre")).ToHaveTextAsync($"HTTP 503: \u2068{Title}\u2069: \u2068{Detail}\u2069");
    }

    private static Task RefuseAsync(IPage page, string pattern) =>
        page.RouteAsync(new Regex(pattern), route => route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = Problem }));
}
