using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

/// <summary>
/// Reads answer in one piece: every kind says its <c>Content-Length</c> instead of sending chunks, and answers
/// <c>HEAD</c> with the same headers and no body.
/// </summary>
public sealed class WholeAnswerTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/records/CZ")]
    [InlineData("/registers/country/records")]
    [InlineData("/registers/country/entries")]
    [InlineData("/registers/country/register")]
    [InlineData("/registers/country/proof/register/merkle:sha-256")]
    [InlineData("/registers/country/proof/entry/1/2/merkle:sha-256")]
    [InlineData("/registers/country/proof/consistency/1/2/merkle:sha-256")]
    [InlineData("/registers/country/checkpoint")]
    [InlineData("/registers/country/checkpoint/5")]
    [InlineData("/registers/country/tile/0/000.p/2")]
    [InlineData("/.well-known/registers/log-key")]
    public async Task Answers_say_their_length_and_head_says_the_same_without_a_body(string path)
    {
        var get = await _client.GetAsync(path);
        var body = await get.Content.ReadAsByteArrayAsync();
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(body.Length, get.Content.Headers.ContentLength);
        Assert.NotEqual(true, get.Headers.TransferEncodingChunked);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
