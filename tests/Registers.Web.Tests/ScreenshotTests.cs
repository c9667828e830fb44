using System.Buffers.Binary;
using Microsoft.Playwright;
using Registers.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Registers.Web.Tests;

/// <summary>
/// Screenshots of the page, kept as artefacts (<c>artifacts/browser/</c>) for people to look at. They are checked to be
/// real pictures of a drawn page, not compared pixel by pixel with a golden file (fonts and anti-aliasing vary).
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ScreenshotTests(Browser browser, DemoServer demo, ITestOutputHelper output)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [InlineData("/ui/?register=vehicle&entry=189", "entry.png")]
    [InlineData("/ui/?register=vehicle&q=CA53EJK", "search.png")]
    public async Task A_screenshot_of_a_view_is_a_drawn_png_of_the_viewport(string path, string name)
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.OpenAsync(path);
        await Expect(page.Locator(".status").First).ToContainTextAsync("verified");

        var png = await page.ScreenshotAsync();
        output.WriteLine($"saved {Artefacts.Save(name, png)}");

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal((1280, 800), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        Assert.InRange(png.Length, 10_000, 5_000_000);
        Assert.InRange(await InkAsync(page, png), 0.01, 0.6);
    }

    /// <summary>The share of pixels unlike the top-left one (the page's background), counted by the browser decoding the PNG.</summary>
    private static Task<double> InkAsync(IPage page, byte[] png) => page.EvaluateAsync<double>("""
        async base64 => {
          const image = new Image();
          image.src = 'data:image/png;base64,' + base64;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext('2d');
          context.drawImage(image, 0, 0);
          const pixels = context.getImageData(0, 0, image.width, image.height).data;
          let ink = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i] !== pixels[0] || pixels[i + 1] !== pixels[1] || pixels[i + 2] !== pixels[2]) ink++;
          }
          return ink / (pixels.length / 4);
        }
        """, Convert.ToBase64String(png));
}
