using Microsoft.Playwright;
using Registers.Server.Tests.Support;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// A reverse proxy publishes the server, the page with it, below a path it takes off and names in
/// <c>X-Forwarded-Prefix</c>: the page reads the API, checks proofs and links to the log key and the API reference
/// below that path, as nothing answers outside it.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class PublishedBelowAPathTests(Browser browser, DemoServer demo)
{
    private const string Prefix = "/registers-api";

    [Fact]
    public async Task A_person_opens_the_published_root_and_verifies_an_entry_below_the_path()
    {
        await using var proxy = await PathPrefixProxy.StartAsync(demo.Address, Prefix, forwardsPrefix: true);
        var page = await browser.NewPageAsync(proxy.Address);

        await page.OpenAsync(Prefix + "/");
        Assert.Equal(Prefix + "/ui/", new Uri(page.Url).AbsolutePath);
        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "vehicle", Exact = true }), "register=vehicle");
        await page.GetByLabel("Key, or field=value").FillAsync("CA53EJK");
        await page.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "Search" }), "q=CA53EJK");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await page.OpenAsync(Prefix + "/ui/?register=vehicle&entry=189");

        await Expect(page.ProofStatus()).ToHaveAttributeAsync("data-state", "verified");
        await Expect(page.Locator("#checkpoint-status")).ToHaveTextAsync("checkpoint signature verified");
        foreach (var (name, target) in new[] { (Prefix + "/.well-known/registers/log-key", "/.well-known/registers/log-key"), ("JSON API", "/scalar/v1") })
        {
            var href = await page.GetByRole(AriaRole.Link, new() { Name = name }).GetAttributeAsync("href");
            var followed = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
            Assert.True(followed.Ok, $"{href}: {followed.Status}");
            Assert.Equal(Prefix + target, new Uri(followed.Url).AbsolutePath);
        }
    }

    [Fact]
    public async Task The_registers_downloads_are_linked_below_the_path()
    {
        await using var proxy = await PathPrefixProxy.StartAsync(demo.Address, Prefix, forwardsPrefix: true);
        var page = await browser.NewPageAsync(proxy.Address);

        await page.OpenAsync(Prefix + "/ui/?register=country");

        foreach (var (name, target, type) in new[] { ("RSF", "download-rsf", "application/uk-gov-rsf"), ("CSV", "download-csv", "text/csv") })
        {
            var href = await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).GetAttributeAsync("href");
            var followed = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
            Assert.True(followed.Ok, $"{href}: {followed.Status}");
            Assert.Equal(Prefix + "/registers/country/" + target, new Uri(followed.Url).AbsolutePath);
            Assert.StartsWith(type, followed.Headers["content-type"], StringComparison.Ordinal);
        }
    }
}
