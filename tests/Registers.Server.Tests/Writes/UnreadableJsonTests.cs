using System.Text;
using Microsoft.Extensions.Logging;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A JSON write whose body is not JSON, or not JSON of the shape the endpoint takes, is a 400 problem that says so in
/// the client's terms (where in the body), never in the server's (.NET type names, exception text).
/// </summary>
public sealed class UnreadableJsonTests(PostgresCluster cluster) : EmptyCountryRegister(cluster)
{
    public static TheoryData<string, string, string> UnreadableBodies => new()
    {
        { "POST", "/registers", """{"name":""" },
        { "POST", "/registers/country/entries", """{"entries":"GB"}""" },
        { "PUT", "/registers/country/custodian-keys", "key=abc" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task A_body_that_cannot_be_read_is_the_clients_mistake_and_not_logged_as_an_error_of_the_server(string method, string path, string body)
    {
        var logs = CapturedLogs.Of(Server);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var response = await Server.Client.SendAsync(request);

        await response.AssertProblemAsync(400, null);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("POST", "/registers")]
    [InlineData("POST", "/registers/country/entries")]
    [InlineData("PUT", "/registers/country/custodian-keys")]
    public async Task A_body_of_json_null_is_a_400_problem_not_a_server_failure(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("null", Encoding.UTF8, "application/json") };

        var response = await Server.Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(400, null);
        problem.AssertWhole(400);
        Assert.Contains("takes a JSON object", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/registers", """{"name":""", "not valid JSON")]
    [InlineData("POST", "/registers/country/entries", """{"entries":[{"key":"GB",}]}""", "not valid JSON")]
    [InlineData("PUT", "/registers/country/custodian-keys", "key=abc", "not valid JSON")]
    [InlineData("POST", "/registers/country/entries", """{"entries":"GB"}""", "$.entries")]
    [InlineData("POST", "/registers", """{"name":["territory"]}""", "$.name")]
    [InlineData("PUT", "/registers/country/custodian-keys", """[1,2]""", "not the shape")]
    public async Task A_body_that_cannot_be_read_is_a_400_problem_in_plain_words(string method, string path, string body, string saying)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var response = await Server.Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(400, null);
        problem.AssertWhole(400);
        var text = problem.ToString();
        Assert.Contains(saying, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var internals in (string[])["System.", "Registers.", "`1", "LineNumber", "BytePositionInLine", "Exception"])
        {
            Assert.DoesNotContain(internals, text, StringComparison.Ordinal);
        }

        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Theory]
    [InlineData("POST", "/registers/country/entries", """{"entries":[{"key":"GB","key":"FR","item":{"country":"FR"}}]}""", "'key'")]
    [InlineData("POST", "/registers/country/entries", """{"entries":[{"key":"GB","item":{"country":"GB"}}],"entries":[{"key":"FR","item":{"country":"FR"}}]}""", "'entries'")]
    [InlineData("POST", "/registers", """{"name":"territory","name":"country","fields":[]}""", "'name'")]
    [InlineData("PUT", "/registers/country/custodian-keys", """{"key":"a","key":"b"}""", "'key'")]
    public async Task A_member_given_twice_is_a_400_problem_not_the_last_one_taken(string method, string path, string body, string member)
    {
        // Taking the last (or first) of two would write what the sender may not have meant, with a 200.
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var response = await Server.Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(400, null);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(member, detail, StringComparison.Ordinal);
        Assert.Contains("more than once", detail, StringComparison.Ordinal);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }

    [Theory]
    [InlineData("""{"entries":[{"key":"GB","item":{"country":"GB","name":"\xff"}}]}""", "entries[0].item")]
    [InlineData("""{"entries":[{"key":"GB","items":[{"country":"GB"},{"country":"GB","na\xffme":"x"}]}]}""", "entries[0].items[1]")]
    public async Task Invalid_utf8_inside_an_item_is_a_400_naming_the_item_not_a_server_failure(string body, string where)
    {
        var logs = CapturedLogs.Of(Server);
        var bytes = Encoding.UTF8.GetBytes(body.Replace("\\xff", "\u0001", StringComparison.Ordinal)).Select(b => b == 1 ? (byte)0xff : b).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await Server.Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains(where, problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
        Assert.Equal(0, await Server.Client.UserSizeAsync("country"));
    }
}
