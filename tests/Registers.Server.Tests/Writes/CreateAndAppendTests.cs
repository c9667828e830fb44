using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

public sealed class CreateAndAppendTests(PostgresCluster cluster)
{
    internal static readonly object CountryDefinition = DefinitionOf("country");

    /// <summary>A register whose key field is named like it, with a name and a start date.</summary>
    internal static object DefinitionOf(string name) => new
    {
        name,
        title = char.ToUpperInvariant(name[0]) + name[1..],
        custodian = "Jane Doe",
        description = $"Test register {name}",
        fields = new object[]
        {
            new { field = name, datatype = "string", cardinality = "1", register = name, text = "The key" },
            new { field = "name", datatype = "string", cardinality = "1", text = "The common name" },
            new { field = "start-date", datatype = "datetime", cardinality = "1", text = "When it began" },
        },
    };

    [Fact]
    public async Task Creating_a_register_writes_its_definition_as_system_entries_and_signs_a_checkpoint()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.PostAsJsonAsync("/registers", CountryDefinition);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/registers/country", response.Headers.Location?.OriginalString);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var system = receipt.GetProperty("system");
        Assert.Equal(7, system.GetProperty("size").GetInt64()); // name, register-name, custodian, 3 fields, register:country
        Assert.Equal(0, receipt.GetProperty("user").GetProperty("size").GetInt64());
        Assert.StartsWith("registers.test/registers/country/system\n7\n", system.GetProperty("checkpoint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_register_given_an_empty_title_is_titled_by_its_name()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.PostAsJsonAsync("/registers", new
        {
            name = "territory",
            title = "",
            fields = new object[] { new { field = "territory", datatype = "string", cardinality = "1" } },
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var title = await server.Client.GetFromJsonAsync<JsonElement>("/registers/territory/system/records/register-name");
        Assert.Equal("territory", title.GetProperty("register-name").GetProperty("item")[0].GetProperty("register-name").GetString());
    }

    [Fact]
    public async Task Creating_a_register_that_exists_is_409_with_problem_details()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CountryDefinition)).EnsureSuccessStatusCode();

        var again = await server.Client.PostAsJsonAsync("/registers", CountryDefinition);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Creating_a_register_stated_to_extend_another_size_is_412_and_creates_nothing()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/registers") { Content = JsonContent.Create(CountryDefinition) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"size-3\"");

        var response = await server.Client.SendAsync(request);

        await response.AssertProblemAsync(412, null);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/country/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task A_definition_whose_key_field_holds_a_list_is_refused()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.PostAsJsonAsync("/registers", new
        {
            name = "country",
            fields = new[] { new { field = "country", datatype = "string", cardinality = "n" } },
        });

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains("cardinality 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/country/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task Appending_numbers_entries_densely_and_returns_the_new_checkpoint()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CountryDefinition)).EnsureSuccessStatusCode();

        var first = await AppendAsync(server, ("GB", "United Kingdom"), ("FR", "France"));
        var second = await AppendAsync(server, ("GB", "Britain"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var user = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal(3, user.GetProperty("first-entry").GetInt64());
        Assert.Equal(3, user.GetProperty("size").GetInt64());
        Assert.StartsWith("registers.test/registers/country\n3\n", user.GetProperty("checkpoint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_that_breaks_a_field_rule_is_refused_with_the_entry_field_and_rule_named()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CountryDefinition)).EnsureSuccessStatusCode();

        var response = await server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = new object[]
            {
                new { key = "GB", item = new { country = "GB", name = "United Kingdom" } },
                new { key = "FR", item = new Dictionary<string, string> { ["country"] = "FR", ["start-date"] = "1958-13-01" } },
                new { key = "DE", item = new { country = "DE", capital = "Berlin" } },
            },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(2, problem.GetProperty("problem-count").GetInt32()); // all of them, however many the list holds
        Assert.Equal((1, "datatype", "start-date", "1958-13-01"), Describe(errors[0]));
        Assert.Equal((2, "unknown-field", "capital", "Berlin"), Describe(errors[1]));

        // All or nothing: the valid first entry was not written either, so the next append is entry 1.
        var next = await (await AppendAsync(server, ("GB", "United Kingdom"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, next.GetProperty("user").GetProperty("first-entry").GetInt64());
    }

    [Fact]
    public async Task A_key_field_defined_wrongly_is_refused_for_what_is_wrong_with_it_not_as_missing()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.PostAsJsonAsync("/registers", new
        {
            name = "country",
            fields = new[] { new { field = "country", datatype = "nonsense", cardinality = "1" } },
        });

        var problem = await response.AssertProblemAsync(400, null);
        var said = problem.ToString();
        Assert.Contains("fields[0]", said, StringComparison.Ordinal);
        Assert.Contains("datatype", said, StringComparison.Ordinal);
        Assert.DoesNotContain("must include the key field", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_with_a_lone_surrogate_escape_is_a_400_naming_the_entry_not_a_500()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CountryDefinition)).EnsureSuccessStatusCode();
        const string Body = """{"entries":[{"key":"GB","item":{"country":"GB","name":"\ud800"}}]}""";

        var response = await server.Client.PostAsync("/registers/country/entries", new StringContent(Body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(400, null);
        Assert.StartsWith("entries[0].item:", problem.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"key":"GB","item":{"country":"GB"},"entry-timestamp":"2016-04-05T13:23:05Z"}""", "entry-timestamp")] // as GOV.UK serves it
    [InlineData("""{"key":"GB","item":{"country":"GB"},"timestmp":"2016-04-05T13:23:05Z"}""", "timestmp")]
    [InlineData("""{"key":"GB","item":{"country":"GB"},"log ":"system"}""", "log ")]
    public async Task An_entry_member_the_server_does_not_take_is_a_400_naming_it_not_silently_dropped(string entry, string member)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CountryDefinition)).EnsureSuccessStatusCode();

        var response = await server.Client.PostAsync("/registers/country/entries", new StringContent($$"""{"entries":[{{entry}}]}""", System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(400, null);
        Assert.StartsWith($"entries[0].{member}: ", problem.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        var register = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/register/merkle:sha-256");
        Assert.Equal(0, register.GetProperty("total-entries").GetInt64());
    }

    [Theory]
    [InlineData("""{"name":"broken","fields":[{"field":"broken","datatype":"string","cardinality":"1","text":"\ud800"}]}""")]
    [InlineData("""{"name":"broken","description":"\udc00","fields":[{"field":"broken","datatype":"string","cardinality":"1"}]}""")]
    public async Task A_definition_with_a_lone_surrogate_escape_is_a_400_not_a_500(string definition)
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.PostAsync("/registers", new StringContent(definition, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(400, null);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/broken/register")).StatusCode);
    }

    private static (int, string?, string?, string?) Describe(JsonElement error) =>
        (error.GetProperty("entry").GetInt32(), error.GetProperty("rule").GetString(), error.GetProperty("field").GetString(), error.GetProperty("value").GetString());

    [Fact]
    public async Task Records_follow_the_latest_entry_whether_a_batch_brings_only_new_keys_or_moves_existing_ones()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CountryDefinition)).EnsureSuccessStatusCode();

        (await AppendAsync(server, ("GB", "United Kingdom"), ("FR", "France"))).EnsureSuccessStatusCode();      // new keys only
        (await AppendAsync(server, ("FR", "French Republic"), ("DE", "Germany"))).EnsureSuccessStatusCode();   // one key moves
        (await AppendAsync(server, ("IT", "Italia"), ("IT", "Italy"))).EnsureSuccessStatusCode();              // a new key twice

        var records = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/records");
        var register = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/register");
        Assert.Equal(
            [("DE", "4", "Germany"), ("FR", "3", "French Republic"), ("GB", "1", "United Kingdom"), ("IT", "6", "Italy")],
            records.EnumerateObject()
                .Select(record => (record.Name, record.Value.GetProperty("entry-number").GetString(), record.Value.GetProperty("item")[0].GetProperty("name").GetString()))
                .OrderBy(record => record.Name, StringComparer.Ordinal));
        Assert.Equal(4, register.GetProperty("total-records").GetInt32());
    }

    [Fact]
    public async Task An_entry_may_bring_an_item_the_register_has_already()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CountryDefinition)).EnsureSuccessStatusCode();
        (await AppendAsync(server, ("GB", "United Kingdom"))).EnsureSuccessStatusCode();
        (await AppendAsync(server, ("GB", "Britain"))).EnsureSuccessStatusCode();

        var back = await AppendAsync(server, ("GB", "United Kingdom"), ("UK", "United Kingdom"));

        Assert.True(back.IsSuccessStatusCode, await back.Content.ReadAsStringAsync());
        var record = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/records/GB");
        Assert.Equal("United Kingdom", record.GetProperty("GB").GetProperty("item")[0].GetProperty("name").GetString());
    }

    private static Task<HttpResponseMessage> AppendAsync(RunningServer server, params (string Code, string Name)[] countries) =>
        server.Client.PostAsJsonAsync("/registers/country/entries", new
        {
            entries = countries.Select(c => new { key = c.Code, item = new { country = c.Code, name = c.Name } }).ToArray(),
        });
}
