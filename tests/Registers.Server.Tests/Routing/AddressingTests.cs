using System.Net.Http.Headers;
using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Routing;

public sealed class AddressingTests(SampleRegister sample) : IClassFixture<SampleRegister>
{
    private readonly HttpClient _client = sample.Client;

    [Theory]
    [InlineData("country.registers.test", null)]
    [InlineData("country.registers.test:8080", null)]
    [InlineData("proxy.internal", "country.registers.test")]
    [InlineData("proxy.internal", "COUNTRY.registers.test, proxy.internal")]
    public async Task A_register_is_served_at_the_root_of_its_own_host_with_links_as_the_client_sees_them(string host, string? forwarded)
    {
        var response = await SendAsync("/records/CZ", host, forwarded);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("</records/CZ/entries>; rel=\"version-history\"", response.Headers.GetValues("Link").Single());
        var history = await (await SendAsync("/records/CZ/entries", host, forwarded)).Content.ReadFromJsonAsync<JsonElement>();
        var links = history[0].GetProperty("links");
        Assert.Equal("/proof/entry/3/5/merkle:sha-256", links.GetProperty("proof").GetString());
        Assert.StartsWith("/items/sha-256:", links.GetProperty("items")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_root_of_a_registers_host_is_the_register_and_global_paths_stay_global()
    {
        var root = await (await SendAsync("/", "country.registers.test", null)).Content.ReadFromJsonAsync<JsonElement>();
        var openApi = await SendAsync("/openapi/v1.json", "country.registers.test", null);
        var logKey = await SendAsync("/.well-known/registers/log-key", "country.registers.test", null);
        var checkpoint = await SendAsync("/checkpoint", "country.registers.test", null);
        var entries = await SendAsync("/entries.csv?start=7&limit=1", "country.registers.test", null);
        var list = await SendAsync("/registers", "country.registers.test", null); // what the page reads first

        Assert.Equal(8, root.GetProperty("total-entries").GetInt64());
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, logKey.StatusCode);
        Assert.Equal("country", (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registers")[0].GetProperty("name").GetString());
        Assert.StartsWith("registers.test/registers/country\n8\n", await checkpoint.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("</entries.csv?start=8&limit=1>; rel=\"next\", </entries.csv?start=6&limit=1>; rel=\"previous\"", entries.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task A_host_for_an_unknown_register_is_a_404_problem()
    {
        var response = await SendAsync("/records", "nowhere.registers.test", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("text/csv", "text/csv")]
    [InlineData("text/csv;q=0.5, application/json", "application/json")]
    [InlineData("text/*", "text/csv")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json")]
    [InlineData("application/ld+json, text/csv;q=0.5", "application/json")]
    [InlineData("application/ld+json;q=0, */*", "application/json")]
    [InlineData("application/ld+json;q=0, text/csv;q=0.5", "text/csv")]
    public async Task Accept_chooses_the_representation(string? accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/registers/country/records/GB");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task A_suffix_wins_over_accept_and_an_unserved_format_is_406()
    {
        using var csv = new HttpRequestMessage(HttpMethod.Get, "/registers/country/records/GB.json");
        csv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var xml = new HttpRequestMessage(HttpMethod.Get, "/registers/country/records/GB");
        xml.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        var json = await _client.SendAsync(csv);
        var refused = await _client.SendAsync(xml);
        var ttl = await _client.GetAsync("/registers/country/records.ttl");

        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Accept", json.Headers.Vary);
        Assert.Equal(HttpStatusCode.NotAcceptable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, ttl.StatusCode);
        Assert.Equal("application/problem+json", ttl.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/registers.json", null, HttpStatusCode.OK)]
    [InlineData("/registers.json", "country.registers.test", HttpStatusCode.OK)]
    [InlineData("/registers.csv", null, HttpStatusCode.NotAcceptable)]
    public async Task The_register_list_takes_a_suffix_as_every_read_does(string path, string? host, HttpStatusCode status)
    {
        var response = host is null ? await _client.GetAsync(path) : await SendAsync(path, host, null);

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.OK)
        {
            Assert.Equal("country", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registers")[0].GetProperty("name").GetString());
        }
    }

    [Theory]
    [InlineData("/.well-known/registers/write-limits.json", HttpStatusCode.OK, "application/json")]
    [InlineData("/.well-known/registers/write-limits.csv", HttpStatusCode.NotAcceptable, "application/problem+json")]
    [InlineData("/.well-known/registers/log-key.json", HttpStatusCode.NotAcceptable, "application/problem+json")]
    public async Task The_well_known_reads_take_a_suffix_as_every_read_does(string path, HttpStatusCode status, string mediaType)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Csv_is_served_with_govuks_content_type()
    {
        var response = await _client.GetAsync("/registers/country/records.csv");

        Assert.Equal("text/csv;charset=UTF-8", string.Join(",", response.Content.Headers.NonValidated["Content-Type"]));
    }

    [Fact]
    public async Task Reads_allow_any_origin_and_expose_their_headers_but_writes_do_not()
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/registers/country/records/GB");
        get.Headers.Add("Origin", "https://service.example");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/registers/country/records/GB");
        preflight.Headers.Add("Origin", "https://service.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var write = new HttpRequestMessage(HttpMethod.Options, "/registers/country/entries");
        write.Headers.Add("Origin", "https://service.example");
        write.Headers.Add("Access-Control-Request-Method", "POST");

        var answer = await _client.SendAsync(get);
        var allowed = await _client.SendAsync(preflight);
        var refused = await _client.SendAsync(write);

        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = answer.Headers.GetValues("Access-Control-Expose-Headers").Single();
        Assert.Contains("ETag", exposed, StringComparison.Ordinal);
        Assert.Contains("Register-Tree-Size", exposed, StringComparison.Ordinal);
        Assert.Contains("Retry-After", exposed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Contains("GET", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Methods")
            && refused.Headers.GetValues("Access-Control-Allow-Methods").Single().Contains("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_with_a_slash_is_addressed_with_it_escaped()
    {
        (await _client.LoadAsync("slashes", new RsfBuilder()
            .System("field:slashes", "2020-01-01T00:00:00Z", """{"cardinality":"1","datatype":"string","field":"slashes"}""")
            .User("A/1", "2020-01-01T00:00:00Z", """{"slashes":"A/1"}""").ToString())).EnsureSuccessStatusCode();

        var record = await _client.GetAsync("/registers/slashes/records/A%2F1");
        var history = await _client.GetFromJsonAsync<JsonElement>("/registers/slashes/records/A%2F1/entries");
        var suffixed = await _client.GetFromJsonAsync<JsonElement>("/registers/slashes/records/A%2f1.json");

        Assert.Equal("A/1", (await record.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("A/1").GetProperty("key").GetString());
        Assert.Equal("A/1", suffixed.GetProperty("A/1").GetProperty("key").GetString());
        Assert.Equal("</registers/slashes/records/A%2F1/entries>; rel=\"version-history\"", record.Headers.GetValues("Link").Single());
        Assert.Equal("A/1", history[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_path_is_decoded_once_so_an_escaped_percent_names_a_percent()
    {
        // %2561 is "%61", not "a" (a second decoding read it so): no register, key or value here holds a '%'.
        var register = await _client.GetAsync("/registers/coun%2574ry/register");
        var record = await _client.GetAsync("/registers/country/records/C%255A");
        var filtered = await _client.GetFromJsonAsync<JsonElement>("/registers/country/records/name/Czechi%2561");

        await register.AssertProblemAsync(404, null);
        await record.AssertProblemAsync(404, null);
        Assert.Empty(filtered.EnumerateObject());
    }

    [Fact]
    public async Task Head_answers_with_the_headers_of_get_and_no_body()
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, "/registers/country/records/GB");
        var response = await _client.SendAsync(head);
        var get = await _client.GetAsync("/registers/country/records/GB");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(get.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private Task<HttpResponseMessage> SendAsync(string path, string host, string? forwarded)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        if (forwarded is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwarded);
        }

        return _client.SendAsync(request);
    }
}
