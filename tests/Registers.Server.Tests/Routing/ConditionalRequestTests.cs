using System.Net.Http.Headers;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary><c>If-None-Match</c> as RFC 9110 says: compared weakly, so an ETag a proxy weakened still revalidates.</summary>
public sealed class ConditionalRequestTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/records/GB")]
    [InlineData("/registers/country/entries/3")]
    [InlineData("/registers/country/checkpoint")]
    public async Task A_weakened_etag_of_the_same_answer_is_answered_with_304(string path)
    {
        var first = await _client.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(first.Headers.ETag!.Tag, isWeak: true));

        var second = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task A_weak_etag_of_another_answer_is_not_a_match()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/registers/country/records/GB");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"record-1.json-size-1\"", isWeak: true));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
