using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>An address the page cannot use as it stands, or a count of one, is said plainly.</summary>
[Collection(DemoCollection.Name)]
public sealed class PlainMessageTests(Browser browser, DemoServer demo)
{
    [Theory]
    // No fixed example: "colour=blue" names a field other registers lack, and finds no "Blue" where it is one.
    [InlineData("colour=", "Nothing follows 'colour=': give the value to look for after the '='.")]
    [InlineData("=Blue", "Nothing comes before '=Blue': give the field to look in before the '=', one of the fields named under the search box.")]
    public async Task A_field_search_without_its_value_or_its_field_says_what_is_missing(string search, string said)
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&q=" + Uri.EscapeDataString(search));

        await Expect(page.Locator("#no-records")).ToHaveTextAsync(said);
    }

    [Fact]
    public async Task A_field_search_in_a_field_no_register_can_have_is_said_in_the_records_area()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&q=" + Uri.EscapeDataString("..=x"));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vehicle");
        await Expect(page.Locator("#no-records")).ToHaveTextAsync("'..' cannot name a register, record or field.");
        await Expect(page.GetByLabel("Key, or field=value")).ToHaveValueAsync("..=x");
    }

    [Fact]
    public async Task A_history_without_a_key_says_no_key_was_given()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&key=");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("No record was named: the address's key= is empty. Search the register for a record, then open its history.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_history_of_a_key_the_register_does_not_hold_says_so_on_any_page(int number)
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync($"/ui/?register=vehicle&key=NOSUCH1&page={number}");

        await Expect(page.Locator("#no-entries")).ToHaveTextAsync("The register 'vehicle' has no record 'NOSUCH1'.");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Search its records" })).ToHaveAttributeAsync("href", "?register=vehicle");
    }
}
