using System.Net.Http.Headers;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// An idempotency key names one write. Sent again with the same body it is a retry and gets the first receipt; sent
/// with another body it is a different write, which must be refused rather than answered as if it had been written.
/// </summary>
public sealed class IdempotencyKeyReuseTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Fact]
    public async Task An_append_that_reuses_a_key_for_another_body_is_refused_and_writes_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await AppendAsync("batch-1", "GB")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AppendAsync("batch-1", "GB")).StatusCode); // a retry

        var reused = await AppendAsync("batch-1", "FR");

        var problem = await reused.AssertProblemAsync(422, "Idempotency-Key");
        Assert.Contains("batch-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await Server.Client.UserSizeAsync("country"));
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("/registers/country/records/FR")).StatusCode);
    }

    [Fact]
    public async Task An_rsf_load_that_reuses_a_key_for_another_body_is_refused_and_writes_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await LoadAsync("load-1", "GB")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoadAsync("load-1", "GB")).StatusCode); // a retry

        var reused = await LoadAsync("load-1", "FR");

        await reused.AssertProblemAsync(422, "Idempotency-Key");
        Assert.Equal(1, await Server.Client.UserSizeAsync("country"));
    }

    private Task<HttpResponseMessage> AppendAsync(string key, string code)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries")
        {
            Content = JsonContent.Create(new { entries = new[] { new { key = code, item = new { country = code } } } }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return Server.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> LoadAsync(string key, string code)
    {
        var rsf = new RsfBuilder().User(code, "2024-01-01T00:00:00Z", $$"""{"country":"{{code}}"}""").ToString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/rsf")
        {
            Content = new StringContent(rsf) { Headers = { ContentType = new MediaTypeHeaderValue("application/uk-gov-rsf") } },
        };
        request.Headers.Add("Idempotency-Key", key);
        return Server.Client.SendAsync(request);
    }
}
