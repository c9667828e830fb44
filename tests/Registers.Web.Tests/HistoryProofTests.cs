using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// A record's history says of each entry whether it is verified, checked in the browser as an entry's own page checks
/// it: the entry as shown and its items, by its inclusion proof, against the latest signed checkpoint.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class HistoryProofTests(Browser browser, DemoServer demo)
{
    [Fact]
    public async Task Each_entry_of_a_history_is_said_to_be_verified_against_the_signed_checkpoint()
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=vehicle&key=CA53EJK");

        await Expect(page.Locator("tbody td[data-label=Proof] [data-state]")).ToHaveTextAsync(["verified", "verified"]);
        await Expect(page.Locator("#history-status")).ToHaveTextAsync("All 2 entries on this page verified.");
        await Expect(page.Locator("#checkpoint-status")).ToHaveTextAsync("checkpoint signature verified");
    }

    [Fact]
    public async Task An_entry_of_a_history_the_server_altered_is_not_verified_and_the_others_still_are()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.AlterAnswersAsync("/registers/vehicle/records/CA53EJK/entries", body =>
        {
            var entries = JsonNode.Parse(body)!.AsArray();
            entries.Single(entry => (string)entry!["entry-number"]! == "189")!["entry-timestamp"] = "2001-01-01T00:00:00Z";
            return entries.ToJsonString();
        });

        await page.OpenAsync("/ui/?register=vehicle&key=CA53EJK");

        var altered = page.Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Entry 189" }) });
        var proof = altered.Locator("td[data-label=Proof] [data-state]");
        await Expect(proof).ToHaveTextAsync("not verified: the inclusion proof does not lead from this entry to the checkpoint's root");
        await Expect(proof).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.Locator("tbody td[data-label=Proof] [data-state=verified]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#history-status")).ToHaveTextAsync("1 of 2 entries on this page not verified.");
    }

    [Fact]
    public async Task An_entry_of_another_key_in_a_history_is_not_verified_and_says_whose_it_is()
    {
        using var client = new HttpClient { BaseAddress = demo.Address };
        var foreign = (await client.GetFromJsonAsync<JsonArray>("/registers/vehicle/records/EA55JSU/entries"))![0]!;
        var page = await browser.NewPageAsync(demo.Address);
        // Genuine and in the signed tree, so its proof holds: only its key tells that it is not an entry of CA53EJK.
        await page.AlterAnswersAsync("/registers/vehicle/records/CA53EJK/entries", body =>
        {
            var entries = JsonNode.Parse(body)!.AsArray();
            entries.Add(foreign.DeepClone());
            return entries.ToJsonString();
        });

        await page.OpenAsync("/ui/?register=vehicle&key=CA53EJK");

        var listed = page.Locator("tbody tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"Entry {foreign["entry-number"]}", Exact = true }) });
        var proof = listed.Locator("td[data-label=Proof] [data-state]");
        // Each key isolated (U+2068, U+2069), as data set among the page's words is: a right-to-left key cannot reorder them.
        await Expect(proof).ToHaveTextAsync("not verified: the server listed an entry of '\u2068EA55JSU\u2069' in the history of '\u2068CA53EJK\u2069'");
        await Expect(proof).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.Locator("tbody td[data-label=Proof] [data-state=verified]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#history-status")).ToHaveTextAsync("1 of 3 entries on this page not verified.");
    }
}
