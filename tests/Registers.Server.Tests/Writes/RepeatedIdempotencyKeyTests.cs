using System.Net.Http.Headers;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A write names one idempotency key. Repeated header lines reach the server joined with commas, so a request with two
/// lines, or one line listing two keys, would otherwise be kept under a key "a,b" its sender never named, and a retry
/// under either key alone would be applied again: it is refused (400) and nothing is written.
/// </summary>
public sealed class RepeatedIdempotencyKeyTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Fact]
    public async Task An_append_listing_two_keys_on_one_line_is_refused_and_writes_nothing()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries") { Content = JsonContent.Create(Entries("GB")) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "batch-1,batch-2");

        var problem = await (await Server.Client.SendAsync(request)).AssertProblemAsync(400, "Idempotency-Key");

        Assert.Contains("one key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task An_rsf_load_listing_two_keys_is_refused_and_writes_nothing()
    {
        var rsf = new RsfBuilder().User("GB", "2024-01-01T00:00:00Z", """{"country":"GB"}""").ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/rsf")
        {
            Content = new StringContent(rsf) { Headers = { ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf") } },
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "load-1,load-2");

        await (await Server.Client.SendAsync(request)).AssertProblemAsync(400, "Idempotency-Key");
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task An_append_sending_the_header_on_two_lines_is_refused_and_writes_nothing()
    {
        // HttpClient writes a header's values on one line, so the two lines go over a socket of their own.
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Address, "/registers/country/entries")) { Content = JsonContent.Create(Entries("GB")) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", ["batch-1", "batch-2"]);
        await SigningHandler.SignAsync(request, Server.AdminKey, DateTimeOffset.UtcNow);

        var answer = await LineByLine.SendAsync(request);

        Assert.True(answer.Status == 400, answer.Body);
        Assert.Contains("\"parameter\":\"Idempotency-Key\"", answer.Body, StringComparison.Ordinal);
        Assert.Contains("on 2 lines", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    private static object Entries(string code) => new { entries = new[] { new { key = code, item = new { country = code } } } };
}
