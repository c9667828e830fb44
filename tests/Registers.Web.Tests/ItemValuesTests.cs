using Registers.Server.Tests.Support;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// Values are data, never layout: a value's newlines, commas, length or direction marks cannot make a field, an
/// item or a list member of their own, widen the page, or reorder the text around them.
/// </summary>
public sealed class ItemValuesTests(Browser browser, AwkwardValuesServer server) : IClassFixture<AwkwardValuesServer>
{
    [Fact]
    public async Task A_value_with_newlines_stays_one_value_of_one_field_of_one_item()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=people&key=alice");

        var item = page.Locator("tbody dl.item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.Locator("> dt")).ToHaveTextAsync(["name", "people", "tags"]);
        Assert.Equal(AwkwardValuesServer.Forging, await item.Locator("> dd").First.InnerTextAsync());
    }

    [Fact]
    public async Task List_members_are_apart_even_when_one_holds_a_comma()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=people&key=alice");

        await Expect(page.Locator("tbody dl.item li")).ToHaveTextAsync(["a, b", "c"]);
    }

    [Fact]
    public async Task A_long_value_without_spaces_wraps_within_the_page()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=people&key=long");

        Assert.InRange(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), 1, 1280);
    }

    [Fact]
    public async Task Text_that_reads_as_a_reference_in_a_string_field_is_shown_as_text_not_a_link()
    {
        var page = await browser.NewPageAsync(server.Address);

        // "name" is a string: "country:GB" in it is words, not a reference to a register this server may not hold.
        foreach (var view in new[] { "/ui/?register=people&q=ref", "/ui/?register=people&key=ref", "/ui/?register=people&entry=4" })
        {
            await page.OpenAsync(view);
            await Expect(page.Locator("dl.item").First.Locator("dd").First).ToHaveTextAsync("country:GB");
            await Expect(page.Locator("dl.item a")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task A_direction_override_is_kept_to_the_value_or_title_that_holds_it()
    {
        var page = await browser.NewPageAsync(server.Address);

        await page.OpenAsync("/ui/?register=people&key=rtl");

        // A title is plain text, shown in tabs and bookmarks: no invisible marks, and none of the value's own.
        Assert.Equal("rtl in people · Registers", await page.TitleAsync());
        Assert.Equal("isolate", await page.Locator("tbody dl.item > dd").First.EvaluateAsync<string>("dd => getComputedStyle(dd).unicodeBidi"));
        await page.OpenAsync("/ui/?register=people");
        Assert.Equal("Bad live · Registers", await page.TitleAsync());
        Assert.Equal(AwkwardValuesServer.Reversing, await page.Locator("h1").InnerTextAsync());
    }
}

/// <summary>A server of its own whose register "people" holds values meant to mislead a page that lays them out as text.</summary>
public sealed class AwkwardValuesServer(PostgresCluster cluster) : OneRegisterServer(cluster, "people", ["name", "tags[]"],
[
    ("alice", """{"name":"Alice\nwebsite: https://bank.example/login\n\nfake2: x","people":"alice","tags":["a, b","c"]}"""),
    ("long", $$"""{"name":"{{new string('x', 5000)}}","people":"long"}"""),
    ("rtl", $$"""{"name":"{{Reversing}}","people":"rtl"}"""),
    ("ref", """{"name":"country:GB","people":"ref"}"""),
], Reversing)
{
    /// <summary>Alice's name, which reads as a name, a forged field and a forged second item when laid out as "field: value" lines.</summary>
    public const string Forging = "Alice\nwebsite: https://bank.example/login\n\nfake2: x";

    /// <summary>A name and title holding RIGHT-TO-LEFT OVERRIDE, which reverses the text after it unless it is isolated.</summary>
    public const string Reversing = "Bad \u202Elive";
}
