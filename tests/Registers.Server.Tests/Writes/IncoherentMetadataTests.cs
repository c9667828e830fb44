using System.Text.Json;
using Registers.Server.Tests.Support;

namespace Registers.Server.Tests.Writes;

/// <summary>A load that writes a register's metadata must leave it whole: its key field defined, and every field its definition lists.</summary>
public sealed class IncoherentMetadataTests(PostgresCluster cluster)
{
    private const string KeyField = """{"cardinality":"1","datatype":"string","field":"pipeline","text":"The key."}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_register_made_from_a_file_without_its_key_field_is_refused_and_not_made(bool lenient)
    {
        var rsf = new RsfText();
        rsf.Entry("system", "name", rsf.Item("""{"name":"pipeline"}"""));
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString(), lenient);

        Assert.Equal(("field:pipeline", "no-key-field"), await SingleErrorAsync(response));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/registers/pipeline/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task A_register_definition_listing_a_field_nothing_defines_is_refused_and_nothing_written()
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.FillTo(20);
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.LoadAsync("pipeline", rsf.ToString())).EnsureSuccessStatusCode();
        var before = await server.Client.GetStringAsync("/registers/pipeline/checkpoint");
        var more = new RsfText();
        more.Entry("system", "register:pipeline", more.Item("""{"fields":["pipeline","name","colour"],"register":"pipeline"}"""));

        var response = await server.Client.LoadAsync("pipeline", more.ToString());

        Assert.Equal(("register:pipeline", "undefined-field"), await SingleErrorAsync(response));
        Assert.Equal(before, await server.Client.GetStringAsync("/registers/pipeline/checkpoint"));
    }

    [Fact]
    public async Task A_file_may_list_the_fields_before_it_defines_them()
    {
        var rsf = new RsfText();
        rsf.Entry("system", "name", rsf.Item("""{"name":"pipeline"}"""));
        rsf.Entry("system", "register:pipeline", rsf.Item("""{"fields":["pipeline","name"],"register":"pipeline"}"""));
        rsf.Entry("system", "field:pipeline", rsf.Item(KeyField));
        rsf.Entry("system", "field:name", rsf.Item("""{"cardinality":"1","datatype":"string","field":"name","text":"A name."}"""));
        rsf.FillTo(20);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString());

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task History_loaded_leniently_may_leave_a_listed_field_undefined_with_a_warning()
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.Entry("system", "register:pipeline", rsf.Item("""{"fields":["pipeline","name","colour"],"register":"pipeline"}"""));
        rsf.FillTo(20);
        await using var server = await RunningServer.StartAsync(cluster);

        var response = await server.Client.LoadAsync("pipeline", rsf.ToString(), lenient: true);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var warnings = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray();
        Assert.Contains(warnings, warning => warning.GetProperty("rule").GetString() == "undefined-field");
    }

    [Fact]
    public async Task A_load_is_not_refused_for_what_the_metadata_lacked_before_it()
    {
        var rsf = new RsfText();
        rsf.Header();
        rsf.FillTo(20);
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.LoadAsync("pipeline", rsf.ToString())).EnsureSuccessStatusCode();
        var history = new RsfText();
        history.Entry("system", "register:pipeline", history.Item("""{"fields":["colour","name","pipeline"],"register":"pipeline"}"""));
        var listing = await server.Client.LoadAsync("pipeline", history.ToString(), lenient: true);
        Assert.True(listing.IsSuccessStatusCode, await listing.Content.ReadAsStringAsync());
        var more = new RsfText();
        more.Entry("system", "custodian", more.Item("""{"custodian":"Someone Else"}"""));

        var response = await server.Client.LoadAsync("pipeline", more.ToString());

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_json_write_of_a_definition_listing_a_field_nothing_defines_is_refused_naming_its_entry()
    {
        var rsf = new RsfText();
        rsf.Header();
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.LoadAsync("pipeline", rsf.ToString())).EnsureSuccessStatusCode();
        var definition = new { fields = new[] { "colour", "name", "pipeline" }, register = "pipeline" };
        var colour = new { cardinality = "1", datatype = "string", field = "colour", text = "A colour." };

        var alone = await server.Client.PostAsJsonAsync("/registers/pipeline/entries", new
        {
            entries = new[] { new { key = "register:pipeline", log = "system", item = (object)definition } },
        });
        var withItsField = await server.Client.PostAsJsonAsync("/registers/pipeline/entries", new
        {
            entries = new[] { new { key = "register:pipeline", log = "system", item = (object)definition }, new { key = "field:colour", log = "system", item = (object)colour } },
        });

        var error = Assert.Single((await alone.AssertProblemAsync(422, null)).GetProperty("errors").EnumerateArray());
        Assert.Equal((0, "undefined-field"), (error.GetProperty("entry").GetInt32(), error.GetProperty("rule").GetString()));
        Assert.True(withItsField.IsSuccessStatusCode, await withItsField.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_metadata_entry_citing_two_items_is_refused_even_as_history(bool lenient)
    {
        var rsf = new RsfText();
        rsf.Header();
        await using var server = await RunningServer.StartAsync(cluster);
        (await server.Client.LoadAsync("pipeline", rsf.ToString())).EnsureSuccessStatusCode();
        var more = new RsfText();
        var one = more.Item("""{"cardinality":"1","datatype":"string","field":"colour","text":"A colour."}""");
        var two = more.Item("""{"cardinality":"n","datatype":"string","field":"colour","text":"Colours."}""");
        more.Line($"append-entry\tsystem\tfield:colour\t2025-01-01T00:00:00Z\t{RsfBuilder.HashOf(one)};{RsfBuilder.HashOf(two)}");

        var response = await server.Client.LoadAsync("pipeline", more.ToString(), lenient);

        Assert.Equal(("field:colour", "one-item"), await SingleErrorAsync(response));
    }

    private static async Task<(string?, string?)> SingleErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        return (error.GetProperty("key").GetString(), error.GetProperty("rule").GetString());
    }
}
