using Microsoft.Playwright;
using Registers.Server.Tests.Support;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>A record's history pages by a hundred entries, as the server does, and says how many entries a key has.</summary>
public sealed class HistoryPagingTests(Browser browser, BusyKeysServer server) : IClassFixture<BusyKeysServer>
{
    [Fact]
    public async Task A_key_of_101_entries_pages_on_to_its_last_entry()
    {
        var page = await browser.NewPageAsync(server.Address);
        await page.OpenAsync("/ui/?register=busy&key=hundred-and-one");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(100);

        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Next page" }), "page=2");

        await Expect(page.Locator("tbody").FieldValues("name")).ToHaveTextAsync(["101"]);
        await Expect(page.Locator("main")).ToContainTextAsync("Entry 101 of this key");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_key_of_exactly_100_entries_says_it_has_100_on_one_page()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=busy&key=hundred");

        await Expect(page.Locator("main")).ToContainTextAsync("100 entries in the register 'busy'");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("first 100");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_page_past_a_keys_last_entry_says_it_holds_none_and_links_to_the_first_page()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=busy&key=hundred&page=3");

        await Expect(page.Locator("main")).ToContainTextAsync("No entries from entry 201 of this key");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous page" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "First page" })).ToHaveAttributeAsync("href", "?register=busy&key=hundred");
    }
}

/// <summary>A server of its own whose register "busy" holds a key of 101 entries and one of 100.</summary>
public sealed class BusyKeysServer(PostgresCluster cluster) : OneRegisterServer(cluster, "busy", ["name"],
    [.. Updates("hundred-and-one", 101), .. Updates("hundred", 100)])
{
    private static IEnumerable<(string, string)> Updates(string key, int count) =>
        Enumerable.Range(1, count).Select(i => (key, $$"""{"busy":"{{key}}","name":"{{i}}"}"""));
}
