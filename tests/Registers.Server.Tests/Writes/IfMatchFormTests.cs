using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// <c>If-Match</c> names the user log's size by the ETag the server gives it, <c>"size-&lt;entries&gt;"</c>, and ETags
/// compare character by character (RFC 9110 8.8.3.2). A tag the server never gives out (<c>"size-01"</c>, with a leading
/// zero) was read as a number and matched size 1. Such a tag is the client's mistake in making it, not a register that
/// moved on (412): it is refused (400, naming the header), and nothing is written.
/// </summary>
public sealed class IfMatchFormTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Theory]
    [InlineData("\"size-01\"")]
    [InlineData("\"size-001\"")]
    [InlineData("\"size-+1\"")]
    [InlineData("\"size- 1\"")]
    [InlineData("\"size-1 \"")]
    [InlineData("W/\"size-1\"")]
    public async Task An_append_whose_if_match_the_server_never_gives_out_is_400_and_writes_nothing(string tag)
    {
        (await Server.Client.PostAsJsonAsync("/registers/country/entries", Entries("GB"))).EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries") { Content = JsonContent.Create(Entries("FR")) };
        Assert.True(request.Headers.TryAddWithoutValidation("If-Match", tag));

        await (await Server.Client.SendAsync(request)).AssertProblemAsync(400, "If-Match");

        Assert.Equal(1, await Server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task A_leading_zero_does_not_match_the_empty_register()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries") { Content = JsonContent.Create(Entries("GB")) };
        Assert.True(request.Headers.TryAddWithoutValidation("If-Match", "\"size-00\""));

        await (await Server.Client.SendAsync(request)).AssertProblemAsync(400, "If-Match");

        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task The_tag_the_server_gives_out_matches()
    {
        (await Server.Client.PostAsJsonAsync("/registers/country/entries", Entries("GB"))).EnsureSuccessStatusCode();
        var etag = (await Server.Client.GetAsync("/registers/country/checkpoint")).Headers.ETag?.ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries") { Content = JsonContent.Create(Entries("FR")) };
        Assert.True(request.Headers.TryAddWithoutValidation("If-Match", etag));

        var response = await Server.Client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, await Server.Client.UserSizeAsync("country"));
    }

    private static object Entries(string code) => new { entries = new[] { new { key = code, item = new { country = code } } } };
}
