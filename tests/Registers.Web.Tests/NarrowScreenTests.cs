using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>The page on a phone's width (360 CSS pixels): tables of records stack their cells rather than squeeze them.</summary>
[Collection(DemoCollection.Name)]
public sealed class NarrowScreenTests(Browser browser, DemoServer demo)
{
    [Theory]
    [InlineData("/ui/?register=vehicle")]
    [InlineData("/ui/?register=vehicle&key=CA53EJK")]
    public async Task On_a_narrow_screen_a_table_of_records_fits_the_width_and_a_short_value_stays_on_one_line(string path)
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.SetViewportSizeAsync(360, 800);

        await page.OpenAsync(path);

        await Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        Assert.InRange(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), 1, 360);
        var colour = page.Locator("tbody").FieldValues("colour").First;
        var box = await colour.BoundingBoxAsync();
        var lineHeight = await colour.EvaluateAsync<double>("dd => parseFloat(getComputedStyle(dd).lineHeight)");
        Assert.True(box!.Height < 1.5 * lineHeight, $"'{await colour.InnerTextAsync()}' takes {box.Height} px, lines of {lineHeight} px");
        var caption = await page.Locator("caption").BoundingBoxAsync();
        Assert.True(caption!.Width > 200, $"the table's caption is squeezed to {caption.Width} px");
    }
}
