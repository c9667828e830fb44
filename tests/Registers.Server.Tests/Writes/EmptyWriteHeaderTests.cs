using System.Net.Http.Headers;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// An <c>Idempotency-Key</c> or <c>If-Match</c> sent empty is a client's mistake (a variable left unset), not the header
/// left out: taken as absent, a write meant to be retried safely or to extend a known size would be applied
/// unconditionally. It is refused (400, naming the header), and nothing is written.
/// </summary>
public sealed class EmptyWriteHeaderTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Theory]
    [InlineData("Idempotency-Key")]
    [InlineData("If-Match")]
    public async Task An_append_sending_the_header_empty_is_refused_and_writes_nothing(string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries")
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = "GB", item = new { country = "GB" } } } }),
        };
        request.Headers.TryAddWithoutValidation(header, "");

        var problem = await (await Server.Client.SendAsync(request)).AssertProblemAsync(400, header);

        Assert.Contains("empty", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Theory]
    [InlineData("Idempotency-Key")]
    [InlineData("If-Match")]
    public async Task An_rsf_load_sending_the_header_empty_is_refused_and_writes_nothing(string header)
    {
        var rsf = new RsfBuilder().User("GB", "2024-01-01T00:00:00Z", """{"country":"GB"}""").ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/rsf")
        {
            Content = new StringContent(rsf) { Headers = { ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf") } },
        };
        request.Headers.TryAddWithoutValidation(header, "");

        await (await Server.Client.SendAsync(request)).AssertProblemAsync(400, header);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }
}
