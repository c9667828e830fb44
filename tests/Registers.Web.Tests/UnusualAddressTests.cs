using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// A page address (or a link made from a value such as "vehicle:..") that names no register, record or entry is said to
/// be so in plain words: it is never fetched as another path ("records/../entries" is the register's entries to a
/// browser), nor shown as a script's error.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class UnusualAddressTests(Browser browser, DemoServer demo)
{
    [Theory]
    [InlineData("register=vehicle&key=..")]
    [InlineData("register=vehicle&key=.")]
    [InlineData("register=..&key=CA53EJK")]
    public async Task A_dot_segment_names_nothing_and_is_never_fetched(string query)
    {
        var page = await browser.NewPageAsync(demo.Address);
        var fetched = new List<string>();
        page.Request += (_, request) => fetched.Add(new Uri(request.Url).AbsolutePath);

        await page.OpenAsync("/ui/?" + query);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot name a register, record or field");
        // At most what a register's page reads besides its records: its description, title, reference fields, checkpoint and the log key.
        Assert.All(fetched.Where(path => !path.StartsWith("/ui/", StringComparison.Ordinal)),
            path => Assert.Matches(@"^(/\.well-known/registers/log-key|/registers/vehicle(/checkpoint|/system/records/(register-name|datatype/curie\.json))?)$", path));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("1.csv")]
    [InlineData("0")]
    [InlineData("01")]
    [InlineData("x")]
    public async Task An_entry_that_is_not_a_whole_number_from_1_is_said_to_be_so_before_anything_is_fetched(string entry)
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&entry=" + Uri.EscapeDataString(entry));

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"'{entry}' is not an entry number: entries are numbered from 1.");
    }
}
