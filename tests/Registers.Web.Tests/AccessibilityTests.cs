using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>The page for people who use a keyboard, a screen reader, or no scripts.</summary>
[Collection(DemoCollection.Name)]
public sealed class AccessibilityTests(Browser browser, DemoServer demo)
{
    [Fact]
    public async Task The_first_tab_reaches_a_skip_link_whose_focus_shows_dark_on_yellow()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.OpenAsync("/ui/?register=vehicle");

        await page.Keyboard.PressAsync("Tab");

        var focused = page.Locator(":focus");
        await Expect(focused).ToHaveTextAsync("Skip to main content");
        await Expect(focused).ToHaveAttributeAsync("href", "#view");
        await Expect(focused).ToHaveCSSAsync("outline-color", "rgb(11, 12, 12)");
        await Expect(focused).ToHaveCSSAsync("background-color", "rgb(255, 221, 0)");
    }

    [Fact]
    public async Task The_last_breadcrumb_is_the_current_page_and_only_status_lines_are_announced()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.Locator("#crumbs [aria-current=page]")).ToHaveTextAsync("entry 189");
        await Expect(page.Locator("main")).Not.ToHaveAttributeAsync("aria-live", new System.Text.RegularExpressions.Regex("."));
    }

    [Theory]
    [InlineData("/ui/", "Registers")]
    [InlineData("/ui/?register=vehicle", "Vehicle · Registers")]
    public async Task Each_view_is_titled_by_what_it_shows_and_the_list_of_registers_says_so_once(string path, string title)
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync(path);

        // The title is what a screen reader says first of a page, and what a bookmark is named.
        await Expect(page).ToHaveTitleAsync(title);
    }

    [Fact]
    public async Task Without_scripts_the_page_says_it_needs_them_and_not_that_it_is_loading()
    {
        var page = await browser.NewPageAsync(demo.Address, javaScript: false);

        await page.GotoAsync("/ui/");

        // Playwright's script-less Chromium still reads <noscript> as text, so its words are not shown to check.
        await Expect(page.Locator("main noscript")).ToHaveCountAsync(1);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Loading");
    }
}
