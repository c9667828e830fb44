using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>A person uses the page on a server seeded with the shipped demo registers, in a real headless Chromium.</summary>
[Collection(DemoCollection.Name)]
public sealed class JourneyTests(Browser browser, DemoServer demo)
{
    [Fact]
    public async Task A_person_searches_a_record_opens_its_history_and_sees_the_entry_proof_verified()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/");
        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "vehicle", Exact = true }), "register=vehicle");
        await page.GetByLabel("Key, or field=value").FillAsync("CA53EJK");
        await page.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Search" }), "q=CA53EJK");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "CA53EJK", Exact = true }).First, "key=CA53EJK");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("History of CA53EJK");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("tbody").FieldValues("keeper-name")).ToContainTextAsync(["Susan Chloe Hughes"]);
        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Entry 189" }), "entry=189");

        Assert.Equal("/ui/?register=vehicle&entry=189", new Uri(page.Url).PathAndQuery);
        await Expect(page.ProofStatus()).ToHaveTextAsync("verified");
        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "verified");
        await Expect(page.Locator("#checkpoint-status")).ToHaveTextAsync("checkpoint signature verified");
        await Expect(page.Locator("main").FieldValues("keeper-address")).ToHaveTextAsync("address:100000000326");
    }

    [Fact]
    public async Task A_reference_fields_value_links_to_the_record_it_names()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&q=CA53EJK");

        // keeper-address is of datatype curie: its value names a record of the address register.
        await Expect(page.Locator("tbody").FieldValues("keeper-address").GetByRole(AriaRole.Link))
            .ToHaveAttributeAsync("href", "?register=address&key=100000000326");
    }

    [Fact]
    public async Task A_field_search_finds_the_vehicles_a_keeper_address_holds()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&q=" + Uri.EscapeDataString("keeper-address=address:100000000326"));

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CA53EJK", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("caption")).ToHaveTextAsync("Records matching \"keeper-address=address:100000000326\"");
    }

    [Fact]
    public async Task Records_page_by_twenty_and_the_pages_do_not_overlap()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=address");
        var first = await page.Locator("tbody tr td:first-child").AllInnerTextsAsync();
        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Next page" }), "page=2");
        var second = await page.Locator("tbody tr td:first-child").AllInnerTextsAsync();

        Assert.Equal(20, first.Count);
        Assert.Equal(20, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.True(string.CompareOrdinal(first[^1], second[0]) < 0, "pages are in key order");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_records_page_past_the_last_links_to_the_first_page_not_to_the_page_before()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=address&page=999");

        await Expect(page.Locator("#no-records")).ToContainTextAsync("No such page");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToHaveAttributeAsync("href", "?register=address");
    }

    [Fact]
    public async Task The_register_page_says_its_signature_check_is_of_the_checkpoint_not_of_the_records_beside_it()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle");

        await Expect(page.Locator("#checkpoint-status")).ToHaveTextAsync("checkpoint signature verified");
        await Expect(page.Locator("#records-note")).ToContainTextAsync("not checked by this page");
    }

    [Fact]
    public async Task A_key_the_register_does_not_hold_is_said_plainly()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&q=NOSUCH1");

        await Expect(page.Locator("#no-records")).ToContainTextAsync("Unknown record");
    }

    [Fact]
    public async Task An_unknown_register_shows_the_servers_problem_and_no_proof_status()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=nowhere&entry=1");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("nowhere");
        await Expect(page.ProofStatus()).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_trusted_log_key_keeps_proofs_verified_and_any_other_key_fails_them()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await page.GetByRole(AriaRole.Button, new() { Name = "Trust this log key in this browser" }).ClickAsync();
        await Expect(page.Locator("#trust")).ToContainTextAsync("This is the log key you trust in this browser.");
        await Expect(page.ProofStatus()).ToHaveTextAsync("verified");

        await page.EvaluateAsync("() => localStorage.setItem('registers.trusted-log-key', 'other.example+01234567+AQ==')");
        await page.OpenAsync("/ui/?register=vehicle&entry=189");
        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "failed");
        // The kept key isolated (U+2068, U+2069), as data set among the page's words is: a right-to-left name cannot reorder them.
        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the server's log key is not the one you trust in this browser (\u2068other.example+01234567+AQ==\u2069)");
        await Expect(page.Locator("#trust")).ToContainTextAsync("You trust another log key in this browser: \u2068other.example+01234567+AQ==\u2069.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Forget it" }).ClickAsync();
        await Expect(page.ProofStatus()).ToHaveTextAsync("verified");
    }
}
