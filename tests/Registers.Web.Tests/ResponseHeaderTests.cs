using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Registers.Web.Tests.Support;

namespace Registers.Web.Tests;

/// <summary>
/// What answers tell browsers: no answer is to be sniffed as another type, the page sends no referrer, and the pages
/// (the UI and the API reference) are not to be framed by other sites.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ResponseHeaderTests(DemoServer demo)
{
    [Theory]
    [InlineData("/registers")]
    [InlineData("/registers/vehicle/records.json")]
    [InlineData("/registers/vehicle/records.csv")]
    [InlineData("/registers/vehicle/checkpoint")]
    [InlineData("/ui/")]
    [InlineData("/scalar/v1")]
    public async Task Every_answer_says_its_type_is_not_to_be_sniffed(string path)
    {
        using var response = await demo.Server.Client.GetAsync(path);

        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task The_page_sends_no_referrer()
    {
        using var response = await demo.Server.Client.GetAsync("/ui/");

        Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
    }

    [Fact]
    public async Task The_api_reference_page_is_not_to_be_framed()
    {
        using var response = await demo.Server.Client.GetAsync("/scalar/v1");

        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_runs_only_its_own_files_and_the_one_inline_script_it_carries_and_talks_only_to_this_server()
    {
        using var response = await demo.Server.Client.GetAsync("/scalar/v1");
        var inline = Regex.Match(await response.Content.ReadAsStringAsync(), "<script type=\"module\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;

        var directives = response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(directive => directive.Split(' ')[0], directive => directive[(directive.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("'none'", directives["default-src"]);
        Assert.Equal($"'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)))}'", directives["script-src"]);
        Assert.Equal("'self'", directives["connect-src"]);
        Assert.Equal("'none'", directives["base-uri"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
    }
}
