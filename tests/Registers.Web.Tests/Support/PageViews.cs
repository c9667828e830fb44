using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Registers.Web.Tests.Support;

/// <summary>Waiting for the page's views: each view ends loading by marking <c>main</c> not busy.</summary>
internal static class PageViews
{
    /// <summary>Opens <paramref name="path"/> and waits until its view has been shown.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.ShownAsync();
    }

    /// <summary>Clicks <paramref name="target"/> (a link or a submit button) and waits for the view it leads to, whose query holds <paramref name="query"/>.</summary>
    public static async Task FollowAsync(this IPage page, ILocator target, string query)
    {
        await target.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(query)));
        await page.ShownAsync();
    }

    private static Task ShownAsync(this IPage page) =>
        page.Locator("main[aria-busy=false]").WaitForAsync(new() { Timeout = 15_000 });

    /// <summary>The values of <paramref name="field"/> in the items shown within <paramref name="scope"/>, one per item.</summary>
    public static ILocator FieldValues(this ILocator scope, string field) => scope.Locator($"dl.item > dt:text-is(\"{field}\") + dd");

    /// <summary>The proof status line of an entry view.</summary>
    public static ILocator ProofStatus(this IPage page) => page.Locator("#proof-status");
}
