using System.Text.Json;
using Registers.Protocol.Hashing;
using Registers.Protocol.Tests.Support;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

public sealed class RsfLoadTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Every_archived_govuk_register_loads_to_the_root_govuk_published()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        foreach (var file in GovukFiles.All().Select(row => row.Data).Where(file => file != GovukFiles.CountryFixture))
        {
            var path = GovukFiles.PathOf(file);
            var lines = File.ReadLines(path).ToList();
            var expectedRoot = lines.Last(line => line.StartsWith("assert-root-hash\t", StringComparison.Ordinal)).Split('\t')[1];

            // GOV.UK's history breaks some of its own rules (repeats, stray spaces in CURIEs): load it as history.
            var response = await server.Client.LoadFileAsync(GovukFiles.RegisterOf(file), path, lenient: true);

            Assert.True(response.IsSuccessStatusCode, $"{file}: {await response.Content.ReadAsStringAsync()}");
            var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(expectedRoot, receipt.GetProperty("user").GetProperty("root").GetString());
            Assert.Equal(lines.Count(line => line.StartsWith("append-entry\tuser\t", StringComparison.Ordinal)), receipt.GetProperty("user").GetProperty("size").GetInt64());
            Assert.Equal(lines.Count(line => line.StartsWith("append-entry\tsystem\t", StringComparison.Ordinal)), receipt.GetProperty("system").GetProperty("size").GetInt64());
        }
    }

    [Fact]
    public async Task After_loading_the_country_fixture_the_specifications_proofs_come_out_node_for_node()
    {
        var vectors = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("govuk", "spec-vectors.json"))).RootElement.GetProperty("v1_merkle").GetProperty("country_data_rsf");
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.LoadFileAsync("country", GovukFiles.PathOf(GovukFiles.CountryFixture))).EnsureSuccessStatusCode();

        var audit = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/entry/10/200/merkle:sha-256");
        var consistency = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/consistency/197/200/merkle:sha-256");
        var register = await server.Client.GetFromJsonAsync<JsonElement>("/registers/country/proof/register/merkle:sha-256");

        Assert.Equal(Strings(vectors.GetProperty("audit_path_entry10_size200")), Strings(audit.GetProperty("merkle-audit-path")));
        Assert.Equal(Strings(vectors.GetProperty("consistency_197_200")), Strings(consistency.GetProperty("merkle-consistency-nodes")));
        Assert.Equal(vectors.GetProperty("root_208").GetString(), register.GetProperty("root-hash").GetString());
        Assert.Equal(208, register.GetProperty("total-entries").GetInt64());
    }

    [Fact]
    public async Task A_broken_rule_before_a_line_that_is_not_rsf_is_reported_beside_it()
    {
        var rsf = new RsfText();
        rsf.Header();
        var item = rsf.Item("""{"name":"twice","pipeline":"twice"}""");
        rsf.Entry("user", "twice", item);
        rsf.Entry("user", "twice", item);
        var repeat = rsf.Lines;
        rsf.FillTo(40);
        rsf.Line("delete-entry\tuser\ttwice");
        var bad = rsf.Lines;
        rsf.FillTo(80);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()
            .Select(error => (error.GetProperty("line").GetInt64(), error.GetProperty("rule").GetString()));
        Assert.Equal([(repeat, "repeat"), (bad, "rsf-syntax")], errors);
    }

    [Fact]
    public async Task History_that_breaks_a_register_rule_is_refused_unless_loaded_as_history_and_then_reported()
    {
        var path = GovukFiles.PathOf("archive-2021/government-service/government-service.rsf");
        await using var server = await RunningServer.StartAsync(cluster);

        var strict = await server.Client.LoadFileAsync("government-service", path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, strict.StatusCode);
        var errors = (await strict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, error => error.GetProperty("rule").GetString() == "repeat" && error.GetProperty("line").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/government-service/checkpoint")).StatusCode);

        var lenient = await server.Client.LoadFileAsync("government-service", path, lenient: true);
        var warnings = (await lenient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray().ToList();
        Assert.Contains(warnings, warning => warning.GetProperty("rule").GetString() == "repeat");
    }

    [Theory]
    [InlineData("add-item\t{\"name\":\"x\"}\nappend-entry\tsystem\tname\t2020-01-01T00:00:00Z\tsha-256:0000000000000000000000000000000000000000000000000000000000000000\n", 2, "unknown-item")]
    [InlineData("add-item\t{\"name\":\"wrong\"}\n", 1, "orphan-item")]
    [InlineData("add-item\t{ \"name\":\"x\"}\n", 1, "rsf-syntax")]
    [InlineData("assert-root-hash\tsha-256:0000000000000000000000000000000000000000000000000000000000000000\n", 1, "assert-root-hash")]
    [InlineData("delete-entry\tuser\tGB\n", 1, "rsf-syntax")]
    public async Task A_bad_line_refuses_the_whole_load_naming_its_line(string rsf, long line, string rule)
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("x", rsf);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal((line, rule), (error.GetProperty("line").GetInt64(), error.GetProperty("rule").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/x/checkpoint")).StatusCode);
    }

    /// <summary>An RSF line problem the parser places within its line names the byte column beside the line, as the offline check does; one of the whole line names none.</summary>
    [Theory]
    [InlineData("add-item\t{\"name\":\"x\"}\nadd-item\t{\"a\": \"b\"}\n", 15)]
    [InlineData("add-item\t{\"name\":\"x\"}\nappend-entry\tusers\tx\t2020-01-01T00:00:00Z\tsha-256:0000000000000000000000000000000000000000000000000000000000000000\n", 14)]
    [InlineData("add-item\t{\"name\":\"x\"}\nappend-entry\tuser\tx\n", null)]
    public async Task A_bad_rsf_line_names_the_column_where_the_parser_found_the_fault(string rsf, int? column)
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("x", rsf);

        var error = (await response.AssertProblemAsync(422, null)).GetProperty("errors")[0];
        Assert.Equal((2L, "rsf-syntax"), (error.GetProperty("line").GetInt64(), error.GetProperty("rule").GetString()));
        Assert.Equal(column, error.TryGetProperty("column", out var found) ? found.GetInt32() : null);
    }

    /// <summary>
    /// An item holds strings and arrays of strings alone, so nesting past the 64 levels a JSON write's body may have is no
    /// problem of its own in a load: the item is not canonical from its first bracket past an array of strings, however deep.
    /// </summary>
    [Theory]
    [InlineData(65, false)]
    [InlineData(65, true)]
    [InlineData(10_000, false)]
    [InlineData(10_000, true)]
    public async Task An_item_nested_past_a_json_writes_limit_is_refused_at_its_line_as_not_canonical(int depth, bool objects)
    {
        var nested = objects
            ? new System.Text.StringBuilder().Insert(0, """{"a":""", depth).Append("\"x\"").Append('}', depth).ToString()
            : new string('[', depth) + new string(']', depth);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("x", $"add-item\t{{\"name\":\"x\"}}\nadd-item\t{{\"name\":{nested}}}\n");

        var problem = await response.AssertProblemAsync(422, null);
        var error = problem.GetProperty("errors")[0];
        Assert.Equal((2L, "rsf-syntax"), (error.GetProperty("line").GetInt64(), error.GetProperty("rule").GetString()));
        Assert.Equal("item is not canonical JSON: values must be strings or arrays of strings", error.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/x/checkpoint")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("assert-root-hash\tsha-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")]
    public async Task A_file_with_no_entries_creates_no_register(string rsf)
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("x", rsf);

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains("no entries", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/x/checkpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf("x"))).StatusCode);
    }

    [Fact]
    public async Task An_empty_file_loaded_into_a_register_is_400_and_writes_nothing()
    {
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf("x"))).EnsureSuccessStatusCode();
        var before = await server.Client.GetStringAsync("/registers/x/checkpoint");

        var response = await server.Client.LoadAsync("x", "");

        var problem = await response.AssertProblemAsync(400, null);
        Assert.Contains("empty", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await server.Client.GetStringAsync("/registers/x/checkpoint"));
    }

    [Fact]
    public async Task A_second_load_continues_the_log_and_its_assertions_count_all_entries()
    {
        // Two self-contained files: each brings the items its own entries cite.
        var lines = File.ReadAllLines(GovukFiles.PathOf(GovukFiles.CountryFixture));
        var items = lines.Where(line => line.StartsWith("add-item\t", StringComparison.Ordinal))
            .ToDictionary(line => Digest.Of(System.Text.Encoding.UTF8.GetBytes(line[9..])).ToString(), line => line);
        var entries = lines.Where(line => line.StartsWith("append-entry\t", StringComparison.Ordinal)).ToList();
        string Rsf(IEnumerable<string> part) =>
            string.Concat(part.SelectMany(entry => new[] { items[entry.Split('\t')[4]], entry }).Select(line => line + "\n"));
        await using var server = await RunningServer.StartAsync(cluster);

        var first = await server.Client.LoadAsync("country", Rsf(entries.Take(120)));
        var second = await server.Client.LoadAsync("country", Rsf(entries.Skip(120)) +
            "assert-root-hash\tsha-256:8d92e1e0af1d43c41e498e6baed0d0b3ea2770d1bf9d2afc04e9c4dad7795729\n");

        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.True(second.IsSuccessStatusCode, await second.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("True")]
    [InlineData("1")]
    public async Task A_lenient_value_other_than_true_or_false_is_a_400_naming_it_not_a_strict_load(string value)
    {
        await using var server = await RunningServer.StartAsync(cluster);
        var rsf = new RsfBuilder().System("name", "2020-01-01T00:00:00Z", """{"name":"x"}""").ToString();
        using var content = new StringContent(rsf);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/uk-gov-rsf");

        var response = await server.Client.PostAsync($"/registers/x/rsf?lenient={value}", content);

        var problem = await response.AssertProblemAsync(400, "lenient");
        Assert.Contains("true or false", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/x/checkpoint")).StatusCode);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
