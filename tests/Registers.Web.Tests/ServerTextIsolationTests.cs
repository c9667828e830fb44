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

    [Fact]
    public async Task An_entry_number_as_the_server_sent_it_is_isolated_in_the_entrys_heading_and_trail_and_plain_in_its_title()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AlterAnswersAsync("/registers/registers/entries/2$", body => body.Replace("\"entry-number\":\"2\"", "\"entry-number\":\"\u05d0\""));

        await page.OpenAsync("/ui/?register=registers&entry=2");

        // A title is plain text (tabs, bookmarks): no isolating marks in it.
        Assert.Equal("Entry \u05d0 of registers · Registers", await page.TitleAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).Locator("bdi")).ToHaveTextAsync("\u05d0");
        await Expect(page.Locator("#crumbs [aria-current=page] bdi")).ToHaveTextAsync("\u05d0");
    }

    [Fact]
    public async Task An_entry_number_as_the_server_sent_it_is_isolated_in_its_link_in_a_records_history()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AlterAnswersAsync("/registers/registers/records/first/entries\\?", body => body.Replace("\"entry-number\":\"1\"", "\"entry-number\":\"\u05d0\""));

        await page.OpenAsync("/ui/?register=registers&key=first");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Entry \u05d0" })).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody a bdi")).ToHaveTextAsync("\u05d0");
    }

    [Fact]
    public async Task A_registers_counts_as_the_server_sent_them_are_isolated_in_its_summary()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.AlterAnswersAsync("/registers/registers$", body => Regex.Replace(
            Regex.Replace(body, "\"total-records\":\\d+", "\"total-records\":\"\u05d0\""), "\"total-entries\":\\d+", "\"total-entries\":\"\u05d1\""));

        await page.OpenAsync("/ui/?register=registers");

        var summary = page.Locator("main p", new() { HasText = "kept by" });
        await Expect(summary).ToHaveTextAsync("\u05d0 records, \u05d1 entries, kept by Jane Doe.");
        await Expect(summary.Locator("bdi")).ToHaveTextAsync(["\u05d0", "\u05d1", "Jane Doe"]);
    }

    private static Task RefuseAsync(IPage page, string pattern) =>
        page.RouteAsync(new Regex(pattern), route => route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = Problem }));
}
