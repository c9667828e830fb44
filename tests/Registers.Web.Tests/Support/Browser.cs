using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Registers.Web.Tests.Support.Browser))]

namespace Registers.Web.Tests.Support;

/// <summary>One headless Chromium for the whole run, driven by Playwright; each test gets a fresh context (no shared cache or storage).</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var executable = Chromium.Find();
        Assertions.SetDefaultExpectTimeout(15_000); // the whole suite shares the machine: views may take seconds to load

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true });
    }

    /// <summary>A new page in a context of its own, addressing <paramref name="server"/>; page errors fail the test.</summary>
    public async Task<IPage> NewPageAsync(Uri server, bool javaScript = true)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = server.ToString(), ViewportSize = new() { Width = 1280, Height = 800 }, JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Assert.Fail($"The page threw: {error}");
        return page;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
