using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// A server that does not answer, or cannot be reached: the page says so in words and stops loading, where it showed
/// "Loading…" for as long as the browser waited. The page gives up after a minute; these tests make it seconds.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class UnansweredServerTests(Browser browser, DemoServer demo)
{
    [Fact]
    public async Task A_server_that_does_not_answer_is_said_not_to_have_answered_in_time()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.TimeOutRequestsAfterAsync(TimeSpan.FromSeconds(1));
        await page.LeaveUnansweredAsync("/registers/");

        await page.OpenAsync("/ui/?register=vehicle");

        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync("The server did not answer within 1 second. Try again later.");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Loading");
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_said_to_be_unreachable()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.RefuseAsync("/registers/");

        await page.OpenAsync("/ui/?register=vehicle");

        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync("The page could not reach the server. Check your connection, then try again.");
    }

    [Fact]
    public async Task A_proof_the_server_does_not_send_in_time_leaves_the_entry_shown_and_not_verified()
    {
        var page = await browser.NewPageAsync(demo.Address);
        // Long enough for the answers the proof's check follows from to come on a busy machine.
        await page.TimeOutRequestsAfterAsync(TimeSpan.FromSeconds(5));
        await page.LeaveUnansweredAsync("/proof/entry/");

        await page.OpenAsync("/ui/?register=vehicle&entry=189");

        await Expect(page.ProofStatus()).ToHaveTextAsync("not verified: the server did not send the inclusion proof");
        await Expect(page.Locator("#proof-detail")).ToContainTextAsync("The server did not answer within 5 seconds.");
    }
}
