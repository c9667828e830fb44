using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Records;

public sealed class RecordTests(SampleRegister sample, PostgresCluster cluster) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("/registers/country/records", "records.json")]
    [InlineData("/registers/country/records.csv", "records.csv")]
    [InlineData("/registers/country/records/YU", "record-YU.json")]
    [InlineData("/registers/country/records/YU.csv", "record-YU.csv")]
    [InlineData("/registers/country/records/CZ/entries", "history-CZ.json")]
    [InlineData("/registers/country/records/CZ/entries.csv", "history-CZ.csv")]
    [InlineData("/registers/country/records/citizen-names/Czech", "filter-citizen-names.json")]
    [InlineData("/registers/country/records?as-of=4", "records-as-of-4.json")]
    [InlineData("/registers/country/system/records", "system-records.json")]
    [InlineData("/registers/country/download-csv", "download.csv")]
    public Task Records_have_govuks_shape(string path, string golden) =>
        Golden.MatchesAsync(_client, path, "Records/" + golden);

    [Fact]
    public async Task A_record_names_the_tree_size_it_was_read_at_and_links_its_history()
    {
        var response = await _client.GetAsync("/registers/country/records/CZ");

        Assert.Equal("8", response.Headers.GetValues("Register-Tree-Size").Single());
        Assert.Equal("</registers/country/records/CZ/entries>; rel=\"version-history\"", response.Headers.GetValues("Link").Single());
        Assert.Equal("public, no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_record_read_as_of_a_size_links_its_history_as_of_that_size_in_the_format_asked_for()
    {
        var response = await _client.GetAsync("/registers/country/records/CZ.csv?as-of=4");
        var link = response.Headers.GetValues("Link").Single();
        var history = await _client.GetAsync(link[1..link.IndexOf('>', StringComparison.Ordinal)]);

        Assert.Equal("</registers/country/records/CZ/entries.csv?as-of=4>; rel=\"version-history\"", link);
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Equal("text/csv", history.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Paging_parameters_sent_in_another_case_are_replaced_in_the_links_not_repeated()
    {
        var response = await _client.GetAsync("/registers/country/records?PAGE-SIZE=3");

        Assert.Equal("</registers/country/records?page-index=2&page-size=3&as-of=8>; rel=\"next\"", response.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task As_of_a_size_a_record_is_what_the_register_said_then_and_never_changes()
    {
        var then = await _client.GetAsync("/registers/country/records/CZ?as-of=4");
        var before = await _client.GetAsync("/registers/country/records/VA?as-of=5");

        var record = (await then.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("CZ");
        Assert.Equal("Czechoslovakia", record.GetProperty("item")[0].GetProperty("name").GetString());
        Assert.Equal("3", record.GetProperty("entry-number").GetString());
        Assert.Equal("4", then.Headers.GetValues("Register-Tree-Size").Single());
        Assert.Equal("public, max-age=31536000, immutable", then.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
    }

    [Fact]
    public async Task As_of_a_size_a_history_holds_the_entries_made_by_then_and_never_changes()
    {
        var then = await _client.GetAsync("/registers/country/records/CZ/entries?as-of=4");
        var now = await _client.GetFromJsonAsync<JsonElement>("/registers/country/records/CZ/entries");

        var entries = await then.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["3"], entries.EnumerateArray().Select(entry => entry.GetProperty("entry-number").GetString()));
        Assert.Equal(["3", "5"], now.EnumerateArray().Select(entry => entry.GetProperty("entry-number").GetString()));
        Assert.Equal("4", then.Headers.GetValues("Register-Tree-Size").Single());
        Assert.Equal("public, max-age=31536000, immutable", then.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task As_of_a_size_the_list_holds_the_keys_that_existed_then_with_their_entries_then()
    {
        var records = await _client.GetFromJsonAsync<JsonElement>("/registers/country/records?as-of=5");

        Assert.Equal(["CZ", "DE", "FR", "GB"], records.EnumerateObject().Select(record => record.Name));
        Assert.Equal("5", records.GetProperty("CZ").GetProperty("entry-number").GetString());
    }

    [Fact]
    public async Task Pages_of_records_link_to_their_neighbours_and_a_page_past_the_end_is_404()
    {
        var page = await _client.GetAsync("/registers/country/records?page-index=2&page-size=3&as-of=8");
        var past = await _client.GetAsync("/registers/country/records?page-index=4&page-size=3");

        Assert.Equal(["FR", "GB", "VA"], (await page.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Select(record => record.Name));
        Assert.Equal(
            "</registers/country/records?as-of=8&page-index=3&page-size=3>; rel=\"next\", </registers/country/records?as-of=8&page-index=1&page-size=3>; rel=\"previous\"",
            page.Headers.GetValues("Link").Single());
        Assert.Equal(HttpStatusCode.NotFound, past.StatusCode);
    }

    [Fact]
    public async Task A_filter_matches_one_value_of_a_list_field_and_pages_past_100()
    {
        var single = await _client.GetFromJsonAsync<JsonElement>("/registers/country/records/name/Jugoslavija");
        var list = await _client.GetFromJsonAsync<JsonElement>("/registers/country/records/citizen-names/British%20citizen");
        var quoted = await _client.GetFromJsonAsync<JsonElement>("/registers/country/records/official-name/" + Uri.EscapeDataString("The \"Holy See\", Vatican City State"));
        var old = await _client.GetFromJsonAsync<JsonElement>("/registers/country/records/name/Czechoslovakia?as-of=4");
        var paged = await _client.GetAsync("/registers/country/records/country/GB?page-size=5000");

        Assert.Equal(["YU"], single.EnumerateObject().Select(record => record.Name));
        Assert.Equal(["GB"], list.EnumerateObject().Select(record => record.Name));
        Assert.Equal(["VA"], quoted.EnumerateObject().Select(record => record.Name));
        Assert.Equal(["CZ"], old.EnumerateObject().Select(record => record.Name));
        Assert.Equal(HttpStatusCode.OK, paged.StatusCode);
    }

    [Fact]
    public async Task Links_to_the_pages_of_a_filter_carry_its_value_escaped()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", Writes.CreateAndAppendTests.DefinitionOf("territory"))).EnsureSuccessStatusCode();
        var entries = new[] { "XA", "XB" }.Select(code => new { key = code, item = new Dictionary<string, string> { ["territory"] = code, ["name"] = "Ümlaut Land" } });
        (await server.Client.PostAsJsonAsync("/registers/territory/entries", new { entries })).EnsureSuccessStatusCode();

        // A header holds ASCII only: the value as read (decoded) in a link was a 500, and a space in one is no URI.
        var first = await server.Client.GetAsync("/registers/territory/records/name/%C3%9Cmlaut%20Land?page-size=1");
        var second = await server.Client.GetAsync("/registers/territory/records/name/%C3%9Cmlaut%20Land.csv?page-index=2&page-size=1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal("</registers/territory/records/name/%C3%9Cmlaut%20Land?page-index=2&page-size=1&as-of=2>; rel=\"next\"", first.Headers.GetValues("Link").Single());
        Assert.Equal("</registers/territory/records/name/%C3%9Cmlaut%20Land.csv?page-index=1&page-size=1&as-of=2>; rel=\"previous\"", second.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task Links_to_the_pages_of_a_filter_keep_its_value_as_the_client_sent_it()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", Writes.CreateAndAppendTests.DefinitionOf("territory"))).EnsureSuccessStatusCode();
        var entries = new[] { "XA", "XB" }.Select(code => new { key = code, item = new Dictionary<string, string> { ["territory"] = code, ["name"] = "100%41" } });
        (await server.Client.PostAsJsonAsync("/registers/territory/entries", new { entries })).EnsureSuccessStatusCode();
        using var hostRouted = new HttpRequestMessage(HttpMethod.Get, "/records/name/100%2541.csv?page-index=2&page-size=1");
        hostRouted.Headers.Host = "territory.registers.test";

        // The value holds a literal "%41": a link made from the decoded path wrote it "%41", which reads "A".
        var first = await server.Client.GetAsync("/registers/territory/records/name/100%2541?page-size=1");
        var second = await server.Client.SendAsync(hostRouted);
        var next = first.Headers.GetValues("Link").Single();
        var followed = await server.Client.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);

        Assert.Equal("</registers/territory/records/name/100%2541?page-index=2&page-size=1&as-of=2>; rel=\"next\"", next);
        Assert.Equal("</records/name/100%2541.csv?page-index=1&page-size=1&as-of=2>; rel=\"previous\"", second.Headers.GetValues("Link").Single());
        Assert.Equal(["XB"], (await followed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Select(record => record.Name));
    }

    [Fact]
    public async Task A_filter_tells_a_slash_sent_escaped_from_an_escaped_percent_before_2F()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", Writes.CreateAndAppendTests.DefinitionOf("territory"))).EnsureSuccessStatusCode();
        var entries = new[] { ("XA", "a/b"), ("XB", "a%2Fb") }.Select(pair => new { key = pair.Item1, item = new Dictionary<string, string> { ["territory"] = pair.Item1, ["name"] = pair.Item2 } });
        (await server.Client.PostAsJsonAsync("/registers/territory/entries", new { entries })).EnsureSuccessStatusCode();
        using var hostRouted = new HttpRequestMessage(HttpMethod.Get, "/records/name/a%252Fb.json");
        hostRouted.Headers.Host = "territory.registers.test";

        // Routing leaves %2F escaped in a segment, and shows %252F (a '%', then "2F") the same way.
        var slash = await server.Client.GetFromJsonAsync<JsonElement>("/registers/territory/records/name/a%2Fb");
        var lowerCase = await server.Client.GetFromJsonAsync<JsonElement>("/registers/territory/records/name/a%2fb.json");
        var percent = await server.Client.GetFromJsonAsync<JsonElement>("/registers/territory/records/name/a%252Fb");
        var percentHostRouted = await (await server.Client.SendAsync(hostRouted)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["XA"], slash.EnumerateObject().Select(record => record.Name));
        Assert.Equal(["XA"], lowerCase.EnumerateObject().Select(record => record.Name));
        Assert.Equal(["XB"], percent.EnumerateObject().Select(record => record.Name));
        Assert.Equal(["XB"], percentHostRouted.EnumerateObject().Select(record => record.Name));
    }

    [Fact]
    public async Task The_system_log_is_filtered_by_the_metadata_fields_and_any_other_field_is_unknown()
    {
        var custodian = await _client.GetFromJsonAsync<JsonElement>("/registers/country/system/records/custodian/John%20Smith");
        var datetimes = await _client.GetFromJsonAsync<JsonElement>("/registers/country/system/records/datatype/datetime");
        var noKeyRevoked = await _client.GetFromJsonAsync<JsonElement>("/registers/country/system/records/end-date/2020-01-01");
        var unknown = await _client.GetAsync("/registers/country/system/records/colour/red");

        Assert.Equal(["custodian"], custodian.EnumerateObject().Select(record => record.Name));
        Assert.Equal(["field:start-date"], datetimes.EnumerateObject().Select(record => record.Name));
        Assert.Empty(noKeyRevoked.EnumerateObject());
        var problem = await unknown.AssertProblemAsync(404, null);
        Assert.Equal("Unknown field", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/registers/country/records/XX", 404, "Unknown record")]
    [InlineData("/registers/country/records/XX/entries", 404, "Unknown record")]
    [InlineData("/registers/country/records/XX/entries?page-index=2", 404, "Unknown record")]
    [InlineData("/registers/country/records/CZ/entries?page-index=3&page-size=1", 404, "No such page")]
    [InlineData("/registers/country/records/CZ/entries?as-of=2", 404, "Unknown record")]
    [InlineData("/registers/country/records/CZ/entries?as-of=9", 404, "No such tree size")]
    [InlineData("/registers/country/records/CZ/entries?as-of=x", 400, "Invalid parameter")]
    [InlineData("/registers/country/checkpoint/6", 404, "No checkpoint at that size")]
    [InlineData("/registers/country/checkpoint/9", 404, "No such tree size")]
    [InlineData("/registers/country/records/colour/red", 404, "Unknown field")]
    [InlineData("/registers/country/records?as-of=9", 404, "No such tree size")]
    [InlineData("/registers/country/records?as-of=x", 400, "Invalid parameter")]
    [InlineData("/registers/country/records?page-size=5001", 400, "Invalid parameter")]
    [InlineData("/registers/country/records?page-index=0", 400, "Invalid parameter")]
    [InlineData("/registers/nowhere/records/GB", 404, "Unknown register")]
    public async Task Errors_are_problem_details(string path, int status, string title)
    {
        var problem = await (await _client.GetAsync(path)).AssertProblemAsync(status, status == 400 ? ParameterOf(path) : null);

        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    private static string ParameterOf(string path) => path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..path.IndexOf('=', StringComparison.Ordinal)];

    [Fact]
    public async Task Lookups_asked_all_at_once_are_answered_together_and_each_gets_its_own_record()
    {
        // Every key (and one that never existed) at every size, in both logs, and in a register that does not exist:
        // asked one at a time first, then all at once, when they share statements.
        string[] keys = ["CZ", "DE", "FR", "GB", "VA", "CI", "YU", "XX"];
        var paths = keys.SelectMany(key => Enumerable.Range(1, 8).Select(size => $"/registers/country/records/{key}?as-of={size}").Append($"/registers/country/records/{key}"))
            .Concat(["/registers/country/system/records/name", "/registers/country/system/records/field:country", "/registers/nowhere/records/GB"])
            .ToArray();
        var alone = new List<(HttpStatusCode Status, string Body)>();
        foreach (var path in paths)
        {
            alone.Add(await AnswerAsync(path));
        }

        var together = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => paths).Select(AnswerAsync));

        Assert.Equal([.. Enumerable.Range(0, 4).SelectMany(_ => alone)], together);
        Assert.Contains("Czechoslovakia", alone[Array.IndexOf(paths, "/registers/country/records/CZ?as-of=4")].Body, StringComparison.Ordinal);
        Assert.Contains("Czechia", alone[Array.IndexOf(paths, "/registers/country/records/CZ")].Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, alone[^1].Status);
    }

    private async Task<(HttpStatusCode Status, string Body)> AnswerAsync(string path)
    {
        var response = await _client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        // Problem details carry a trace id of their own request: compare what they say, not which request said it.
        return (response.StatusCode, response.IsSuccessStatusCode ? body : JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!);
    }

    [Fact]
    public async Task Records_at_the_current_size_answer_their_etag_with_304_until_the_register_grows()
    {
        var first = await _client.GetAsync("/registers/country/records.json");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/registers/country/records.json");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
        Assert.Contains("size-8", first.Headers.ETag!.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_takes_its_columns_from_the_fields_so_new_metadata_changes_its_etag_and_json_as_of_a_size_does_not()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registers-key-" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await SampleRegister.StartAsync(cluster, folder);
        (await server.Client.LoadAsync("country", SampleRegister.Write1)).EnsureSuccessStatusCode();
        var csvBefore = await server.Client.GetAsync("/registers/country/records.csv?as-of=5");
        var jsonBefore = await server.Client.GetAsync("/registers/country/records.json?as-of=5");

        (await server.Client.LoadAsync("country", SampleRegister.Write3)).EnsureSuccessStatusCode();
        var csvAfter = await server.Client.GetAsync("/registers/country/records.csv?as-of=5");
        var jsonAfter = await server.Client.GetAsync("/registers/country/records.json?as-of=5");

        Assert.Equal("public, no-cache", csvBefore.Headers.CacheControl?.ToString());
        Assert.NotEqual(csvBefore.Headers.ETag, csvAfter.Headers.ETag);
        Assert.Equal("public, max-age=31536000, immutable", jsonBefore.Headers.CacheControl?.ToString());
        Assert.Equal(jsonBefore.Headers.ETag, jsonAfter.Headers.ETag);
        Directory.Delete(folder, recursive: true);
    }
}
