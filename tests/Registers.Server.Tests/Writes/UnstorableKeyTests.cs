using System.Net.Http.Json;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// Keys PostgreSQL cannot take (a NUL character; one too long for the indexes' entries) are refused as what they are,
/// before the database sees them: one custodian's bad write must never fail the writes committed with it.
/// </summary>
public sealed class UnstorableKeyTests(PostgresCluster cluster)
{
    private static readonly string LongKey = string.Concat(Enumerable.Range(0, 200).Select(i => Guid.NewGuid().ToString("N")[..15])); // 3,000 characters that do not compress

    [Theory]
    [InlineData("nul", "key-syntax")]
    [InlineData("long", "key-too-long")]
    public async Task A_write_with_a_key_the_database_cannot_store_is_refused_with_the_rule_it_breaks(string kind, string rule)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).StatusCode);

        var response = await AppendAsync(server.Client, KeyOf(kind));

        var errors = (await response.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray();
        Assert.Contains(errors, error => error.GetProperty("rule").GetString() == rule);
    }

    [Fact]
    public async Task Writes_committed_beside_a_write_with_an_unstorable_key_are_stored()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).StatusCode);

        var writes = Enumerable.Range(0, 24).Select(i => i % 2 == 0
            ? AppendAsync(server.Client, $"K{i}")
            : AppendAsync(server.Client, KeyOf(i % 4 == 1 ? "nul" : "long")));
        var answers = await Task.WhenAll(writes);

        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity, answers[i].StatusCode);
        }
    }

    private static string KeyOf(string kind) => kind == "nul" ? "AB\0C" : LongKey;

    private static Task<HttpResponseMessage> AppendAsync(HttpClient client, string key) =>
        client.PostAsJsonAsync("/registers/country/entries", new { entries = new[] { new { key, item = new { country = key, name = "Somewhere" } } } });
}
