using System.Text.RegularExpressions;
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

    [Fact]
    public async Task The_search_box_is_described_with_this_registers_fields_and_examples_that_find_a_record()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.OpenAsync("/ui/?register=vehicle");
        var box = page.GetByLabel("Key, or field=value");

        await Expect(box).ToHaveAccessibleDescriptionAsync(new Regex("Fields: vehicle, make, model, colour, first-registered, keeper-name, keeper-address\\.$"));
        var description = await page.Locator("#" + await box.GetAttributeAsync("aria-describedby")).InnerTextAsync();
        var examples = Regex.Match(description, "^Search for a key, such as (.+?), or for field=value, such as (.+?=.+?): the records");
        Assert.True(examples.Success, $"'{description}' gives a key and a field=value as examples");
        foreach (var search in new[] { examples.Groups[1].Value, examples.Groups[2].Value })
        {
            await page.OpenAsync("/ui/?register=vehicle&q=" + Uri.EscapeDataString(search));
            await Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task A_search_typed_longer_than_the_box_takes_still_leads_to_the_register_page()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.OpenAsync("/ui/?register=vehicle");
        var box = page.GetByLabel("Key, or field=value");

        // Sent whole, the page's own address would pass the server's 8 KiB target limit and be refused as JSON.
        await box.FillAsync(new string('x', 9000));
        await page.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Search" }), "q=x");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Records" })).ToBeVisibleAsync();
        Assert.InRange((await box.InputValueAsync()).Length, 1, 500);
    }

    [Fact]
    public async Task A_search_the_server_refuses_as_too_long_is_said_in_the_records_area()
    {
        var page = await browser.NewPageAsync(demo.Address);

        // The page's address passes the server's limit; the request for the records, longer by its path, does not.
        await page.OpenAsync("/ui/?register=vehicle&q=" + Uri.EscapeDataString("colour=" + new string('x', 8150)));

        await Expect(page.Locator("#no-records")).ToHaveTextAsync("The search is too long for the server: shorten it, then search again.");
    }
}
