using System.Net.Http.Headers;
using System.Text;
using Registers.Protocol.Items;
using Registers.Server.Tests.Support;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>A key or a field value may end like a format suffix ("report.csv"): the page must look it up as itself, not as "report" in CSV.</summary>
public sealed class SuffixLikeSearchTests(Browser browser, SuffixLikeKeyServer demo) : IClassFixture<SuffixLikeKeyServer>
{
    [Theory]
    [InlineData(SuffixLikeKeyServer.Key)]
    [InlineData("name=" + SuffixLikeKeyServer.Name)]
    public async Task A_search_ending_like_a_format_suffix_finds_the_record_it_names(string search)
    {
        var page = await browser.NewPageAsync(demo.Address);

        await page.OpenAsync("/ui/?register=country&q=" + Uri.EscapeDataString(search));

        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody")).ToContainTextAsync(SuffixLikeKeyServer.Key);
        await Expect(page.Locator("tbody")).ToContainTextAsync(SuffixLikeKeyServer.Name);
    }
}

/// <summary>A demo server of its own whose country register also holds a record keyed and named like files.</summary>
public sealed class SuffixLikeKeyServer(PostgresCluster cluster) : IAsyncLifetime
{
    public const string Key = "report.csv";

    public const string Name = "Notes.html";

    private readonly DemoServer _demo = new(cluster);

    public Uri Address => _demo.Address;

    public async ValueTask InitializeAsync()
    {
        await _demo.InitializeAsync();
        var item = $$"""{"country":"{{Key}}","name":"{{Name}}"}""";
        var hash = Item.Create(Encoding.UTF8.GetBytes(item)).Hash;
        using var content = new StringContent($"add-item\t{item}\nappend-entry\tuser\t{Key}\t2026-01-01T00:00:00Z\t{hash}\n");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf");
        using var response = await _demo.Server.Client.PostAsync("/registers/country/rsf", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public ValueTask DisposeAsync() => _demo.DisposeAsync();
}
