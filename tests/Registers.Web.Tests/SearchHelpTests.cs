using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>What the search box tells a person who does not know the register: what to type, and why nothing was found.</summary>
[Collection(DemoCollection.Name)]
public sealed class SearchHelpTests(Browser browser, DemoServer demo)
{
    [Fact]
    public async Task A_key_search_is_one_page_and_a_later_page_of_it_links_back_to_the_first()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=country&q=GB&page=2");

        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(0);
        await Expect(page.Locator("#no-records")).ToHaveTextAsync("A key names one record at most, shown on page 1.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToHaveAttributeAsync("href", "?register=country&q=GB");
    }

    [Fact]
    public async Task A_field_search_that_finds_nothing_says_what_was_sought_and_that_values_match_exactly()
    {
        var page = await browser.NewPageAsync(demo.Address);

        // The demo's colours are capitalised ("Blue"): a person typing "blue" must learn why nothing came back.
        await page.OpenAsync("/ui/?register=vehicle&q=" + Uri.EscapeDataString("colour=blue"));

        await Expect(page.Locator("#no-records")).ToHaveTextAsync("No record's colour is 'blue'. A value is found only as it is written, capital letters too.");
    }
}
