using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>
/// A register is also served at the root of its own host, <c>&lt;name&gt;.&lt;domain&gt;</c>, where its name is a DNS label:
/// at most 63 octets (RFC 1035 2.3.4). A longer name made a register no host could name; every way of creating one
/// (a definition, an RSF load, the seeding) refuses it, saying the rule, and creates nothing.
/// </summary>
public sealed class RegisterNameLengthTests(PostgresCluster cluster)
{
    private static readonly string Longest = "r" + new string('a', 62);
    private static readonly string TooLong = "r" + new string('a', 63);

    [Fact]
    public async Task Creating_a_register_with_a_name_past_63_characters_is_400_saying_the_rule_and_creates_nothing()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var refused = await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf(TooLong));
        var created = await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf(Longest));

        AssertSaysTheRule(await refused.AssertProblemAsync(400, null));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/registers/{TooLong}/checkpoint")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Loading_rsf_into_a_new_register_named_past_63_characters_is_400_saying_the_rule_and_creates_nothing()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var refused = await server.Client.LoadAsync(TooLong, RsfOf(TooLong));
        var loaded = await server.Client.LoadAsync(Longest, RsfOf(Longest));

        AssertSaysTheRule(await refused.AssertProblemAsync(400, null));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/registers/{TooLong}/checkpoint")).StatusCode);
        Assert.True(loaded.IsSuccessStatusCode, await loaded.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Seeding_leaves_out_a_register_named_past_63_characters_and_loads_the_rest()
    {
        var directory = Directory.CreateTempSubdirectory("registers-seed-");
        try
        {
            foreach (var name in new[] { Longest, TooLong })
            {
                Directory.CreateDirectory(Path.Combine(directory.FullName, name));
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, name, name + ".rsf"), RsfOf(name));
            }

            await using var server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?>
            {
                ["Registers:SeedOnFirstStart"] = "true",
                ["Registers:SeedDirectory"] = directory.FullName,
            });

            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/registers/{Longest}/checkpoint")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/registers/{TooLong}/checkpoint")).StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Creating_a_register_whose_name_ends_in_a_hyphen_is_400_as_no_dns_label_ends_so()
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var definition = await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf("country-"));
        var load = await server.Client.LoadAsync("country-", RsfOf("country-"));

        foreach (var refused in new[] { definition, load })
        {
            var detail = (await refused.AssertProblemAsync(400, null)).GetProperty("detail").GetString();
            Assert.Contains("ends in a hyphen", detail, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/country-/checkpoint")).StatusCode);
    }

    [Theory]
    [InlineData("xn--country")]
    [InlineData("ab--country")]
    public async Task Creating_a_register_whose_name_has_hyphens_third_and_fourth_is_400_as_such_labels_are_reserved(string name)
    {
        await using var server = await RunningServer.StartAsync(cluster);

        var definition = await server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf(name));
        var load = await server.Client.LoadAsync(name, RsfOf(name));

        foreach (var refused in new[] { definition, load })
        {
            var detail = (await refused.AssertProblemAsync(400, null)).GetProperty("detail").GetString();
            Assert.Contains("third and fourth", detail, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/registers/{name}/checkpoint")).StatusCode);
    }

    private static void AssertSaysTheRule(System.Text.Json.JsonElement problem)
    {
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("at most 63", detail, StringComparison.Ordinal);
        Assert.Contains("DNS label", detail, StringComparison.Ordinal);
    }

    /// <summary>A register's name, its key field and one entry.</summary>
    private static string RsfOf(string name) => new RsfBuilder()
        .System("name", "2024-01-01T00:00:00Z", $$"""{"name":"{{name}}"}""")
        .System($"field:{name}", "2024-01-01T00:00:00Z", $$"""{"cardinality":"1","datatype":"string","field":"{{name}}","text":"The key."}""")
        .User("a", "2024-01-01T00:00:00Z", $$"""{"{{name}}":"a"}""")
        .ToString();
}
