using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// A page of a hundred history rows asks the server for their items and proofs a few at a time, not all at once: a
/// request's timeout runs from when the page makes it, so a hundred made together on a busy server would time out
/// waiting for each other. Every row is still checked.
/// </summary>
public sealed class HistoryPacingTests(Browser browser, BusyKeysServer server) : IClassFixture<BusyKeysServer>
{
    /// <summary>The most the page asks for at once (view-history.js).</summary>
    private const int AtOnce = 4;

    [Fact]
    public async Task A_history_of_100_entries_checks_them_a_few_at_a_time_and_verifies_every_one()
    {
        var page = await browser.NewPageAsync(server.Address);
        var items = await CountInFlightAsync(page, "/registers/busy/items/");
        var proofs = await CountInFlightAsync(page, "/registers/busy/proof/entry/");

        await page.OpenAsync("/ui/?register=busy&key=hundred");

        await Expect(page.Locator("#history-status")).ToHaveTextAsync("All 100 entries on this page verified.", new() { Timeout = 60_000 });
        await Expect(page.Locator("tbody td[data-label=Proof] [data-state=verified]")).ToHaveCountAsync(100);
        Assert.Equal((100, 100), (proofs.Answered, items.Answered));
        Assert.InRange(proofs.Most, 1, AtOnce);
        Assert.InRange(items.Most, 1, AtOnce);
    }

    /// <summary>
    /// Answers the page's requests to <paramref name="path"/> from the server, each held back a little so that requests
    /// the page makes together are seen together; counts how many are awaiting their answer at once.
    /// </summary>
    private static async Task<InFlight> CountInFlightAsync(IPage page, string path)
    {
        var counter = new InFlight();
        await page.RouteAsync(new Regex(Regex.Escape(path)), async route =>
        {
            counter.Start();
            var answer = await route.FetchAsync();
            await Task.Delay(20);
            // Counted as answered before the answer is sent, so a request the page makes on receiving it is never counted with it.
            counter.Finish();
            await route.FulfillAsync(new() { Response = answer });
        });
        return counter;
    }

    private sealed class InFlight
    {
        private readonly Lock _lock = new();
        private int _now;

        public int Most { get; private set; }

        public int Answered { get; private set; }

        public void Start()
        {
            lock (_lock)
            {
                Most = Math.Max(Most, ++_now);
            }
        }

        public void Finish()
        {
            lock (_lock)
            {
                _now--;
                Answered++;
            }
        }
    }
}
