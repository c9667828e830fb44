using System.Net.Http.Headers;
using System.Text;
using Registers.Protocol.Checkpoints;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// JSON writes are read as UTF-8 (RFC 8259 8.1), whatever charset the Content-Type names. A body said to be in another
/// charset was read as UTF-8 all the same and refused as "not valid JSON", sending its sender to look for a syntax error
/// that is not there (or, in a charset that agrees with UTF-8 on ASCII, taken as other text than its sender's). It is
/// refused with 415 naming the charset and saying UTF-8 is taken, and nothing is written.
/// </summary>
public sealed class JsonCharsetTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    private const string Append = """{"entries":[{"key":"GB","item":{"country":"GB"}}]}""";

    [Theory]
    [InlineData("utf-16", "/registers/country/entries", Append)]
    [InlineData("iso-8859-1", "/registers/country/entries", Append)]
    [InlineData("utf-16", "/registers", """{"name":"territory","fields":[{"field":"territory","datatype":"string","cardinality":"1"}]}""")]
    public async Task A_json_write_in_another_charset_than_utf8_is_415_naming_it_and_writes_nothing(string charset, string path, string body)
    {
        using var content = new ByteArrayContent(Encoding.GetEncoding(charset).GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = charset };

        var problem = await (await Server.Client.PostAsync(path, content)).AssertProblemAsync(415, null);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains($"'{charset}'", detail, StringComparison.Ordinal);
        Assert.Contains("utf-8", detail, StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("/registers/territory/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task Allowing_a_custodian_key_in_another_charset_than_utf8_is_415_and_writes_nothing()
    {
        using var key = SignerKey.Generate("custodian.test/alice");
        using var content = new ByteArrayContent(Encoding.Unicode.GetBytes($$"""{"key":"{{key.VerifierKey}}"}"""));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-16" };

        var before = await SystemSizeAsync();

        await (await Server.Client.PutAsync("/registers/country/custodian-keys", content)).AssertProblemAsync(415, null);

        Assert.Equal(before, await SystemSizeAsync());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task A_json_write_said_to_be_utf8_or_saying_no_charset_is_taken(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Append));
        Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));

        var response = await Server.Client.PostAsync("/registers/country/entries", content);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await Server.Client.UserSizeAsync("country"));
    }

    private async Task<long> SystemSizeAsync() =>
        (await Server.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/registers/country/system/proof/register/merkle:sha-256")).GetProperty("total-entries").GetInt64();
}
