using System.Text;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A JSON write is sent as <c>application/json</c>, which names it in any case (RFC 9110 8.3.1: type and subtype are
/// case-insensitive), and another media type is refused (415) however it begins.
/// </summary>
public sealed class JsonMediaTypeCaseTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    private const string Append = """{"entries":[{"key":"GB","item":{"country":"GB"}}]}""";

    [Theory]
    [InlineData("Application/JSON")]
    [InlineData("APPLICATION/JSON; charset=utf-8")]
    public async Task A_json_write_naming_its_media_type_in_another_case_is_taken(string contentType)
    {
        var response = await Server.Client.PostAsync("/registers/country/entries", Content(contentType));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await Server.Client.UserSizeAsync("country"));
    }

    [Theory]
    [InlineData("application/jsonl")]
    [InlineData("application/json-seq")]
    [InlineData("application/json5")]
    public async Task A_write_sent_as_a_media_type_that_only_begins_like_json_is_415_and_writes_nothing(string contentType)
    {
        var response = await Server.Client.PostAsync("/registers/country/entries", Content(contentType));

        var problem = await response.AssertProblemAsync(415, null);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    private static ByteArrayContent Content(string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Append));
        Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        return content;
    }
}
