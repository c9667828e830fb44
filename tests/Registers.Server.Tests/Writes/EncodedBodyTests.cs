using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// The server reads a write's body as sent and decodes no content coding, so a compressed body would be read as broken
/// JSON or RSF (400, 422) though it may be perfectly good: it is refused with 415 naming the coding (RFC 9110 15.5.16), and
/// nothing is written.
/// </summary>
public sealed class EncodedBodyTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task A_json_append_with_a_content_coding_is_415_naming_it_and_writes_nothing(string coding)
    {
        using var content = Encoded("""{"entries":[{"key":"GB","item":{"country":"GB"}}]}""", "application/json", coding);

        var problem = await (await Server.Client.PostAsync("/registers/country/entries", content)).AssertProblemAsync(415, null);

        Assert.Contains($"'{coding}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task A_gzipped_rsf_load_is_415_and_writes_nothing()
    {
        var rsf = new RsfBuilder().User("GB", "2024-01-01T00:00:00Z", """{"country":"GB"}""").ToString();
        using var content = Encoded(rsf, "application/uk-gov-rsf", "gzip");

        var response = await Server.Client.PostAsync("/registers/country/rsf", content);

        var problem = await response.AssertProblemAsync(415, null);
        Assert.Contains("'gzip'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("identity", response.Headers.GetValues("Accept-Encoding"));
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task A_body_said_to_have_the_identity_coding_is_read_as_it_is()
    {
        using var content = new StringContent("""{"entries":[{"key":"GB","item":{"country":"GB"}}]}""", Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("identity");

        var response = await Server.Client.PostAsync("/registers/country/entries", content);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await Server.Client.UserSizeAsync("country"));
    }

    private static ByteArrayContent Encoded(string body, string mediaType, string coding)
    {
        using var compressed = new MemoryStream();
        using (Stream encoder = coding == "gzip" ? new GZipStream(compressed, CompressionLevel.Fastest) : new BrotliStream(compressed, CompressionLevel.Fastest))
        {
            encoder.Write(Encoding.UTF8.GetBytes(body));
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentEncoding.Add(coding);
        return content;
    }
}
